using IncidentBot.Host.Telemetry;

namespace IncidentBot.Host.Tests.Telemetry;

/// <summary>Reading the ports of <c>Management:Urls</c>.</summary>
public sealed class ManagementOptionsTests
{
    [Theory]
    [InlineData("http://0.0.0.0:9464", new[] { 9464 })]
    [InlineData("http://*:9464; http://+:9465/", new[] { 9464, 9465 })]
    [InlineData("http://[::1]:80", new[] { 80 })]
    public void PortsOf_UrlsWithPorts_ThosePorts(string urls, int[] expected)
    {
        // Act
        var ports = ManagementOptions.PortsOf(urls);

        // Assert
        Assert.Equal(expected, ports);
    }

    [Theory]
    [InlineData("http://0.0.0.0")]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("9464")]
    [InlineData("http://[::1]")]
    public void PortsOf_UrlWithoutAUsablePort_ThrowsNamingTheSetting(string urls)
    {
        // Act
        var thrown = Assert.Throws<InvalidOperationException>(() => ManagementOptions.PortsOf(urls));

        // Assert
        Assert.StartsWith("Management:Urls:", thrown.Message, StringComparison.Ordinal);
    }
}
