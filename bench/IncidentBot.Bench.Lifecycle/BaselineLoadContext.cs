using System.Reflection;
using System.Runtime.Loader;

namespace IncidentBot.Bench.Lifecycle;

/// <summary>
/// Loads the old IncidentBot.Core beside the new one (same assembly name, so it needs its own context) and resolves
/// its dependencies (YamlDotNet and the like) from its own folder through its deps.json; the shared framework comes
/// from the default context.
/// </summary>
public sealed class BaselineLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver resolver;

    /// <summary>A context for the assembly at <paramref name="mainAssemblyPath"/>.</summary>
    public BaselineLoadContext(string mainAssemblyPath)
        : base("incidentbot-baseline", isCollectible: false)
    {
        resolver = new AssemblyDependencyResolver(mainAssemblyPath);
    }

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName) =>
        resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;

    /// <inheritdoc />
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
