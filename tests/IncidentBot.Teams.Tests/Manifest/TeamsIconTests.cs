using IncidentBot.TestSupport;

namespace IncidentBot.Teams.Tests.Manifest;

/// <summary>The icons are real PNGs of the sizes Teams requires; the outline one is white on transparent.</summary>
public sealed class TeamsIconTests
{
    private static PngImage Icon(string name) => PngImage.Read(File.ReadAllBytes(RepositoryRoot.Combine("manifests", "teams", name)));

    [Fact]
    public void ColorIcon_Is192SquareAndInColour()
    {
        var icon = Icon("color.png");

        Assert.Equal((192, 192), (icon.Width, icon.Height));
        var opaque = Pixels(icon).Where(p => p.A == 255).ToList();
        Assert.True(opaque.Count > 192 * 192 / 2, "mostly opaque");
        Assert.Contains(opaque, p => p.R != p.G || p.G != p.B);
        Assert.True(opaque.Select(p => (p.R, p.G, p.B)).Distinct().Count() >= 2, "more than one colour");
    }

    [Fact]
    public void OutlineIcon_Is32SquareWhiteOnFullTransparency()
    {
        var icon = Icon("outline.png");

        Assert.Equal((32, 32), (icon.Width, icon.Height));
        Assert.Equal(6, icon.ColorType);
        var pixels = Pixels(icon).ToList();
        Assert.All(pixels, p => Assert.True(p.A == 0 || (p.R, p.G, p.B) == (255, 255, 255), $"pixel {p} is neither white nor transparent"));
        Assert.Contains(pixels, p => p.A == 0);
        Assert.InRange(pixels.Count(p => p.A > 0), 50, 32 * 32 / 2);
    }

    private static IEnumerable<(byte R, byte G, byte B, byte A)> Pixels(PngImage image)
    {
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
                yield return image.Pixel(x, y);
    }
}
