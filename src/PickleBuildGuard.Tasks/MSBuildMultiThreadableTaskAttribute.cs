namespace Microsoft.Build.Framework;

/// <summary>
/// Tells MSBuild 18's multithreaded mode that the task may run in-process on any thread: it reads no current
/// directory or environment (full paths come from item metadata). MSBuild matches this attribute by name, so
/// declaring it here works with older reference assemblies too.
/// </summary>
[System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
internal sealed class MSBuildMultiThreadableTaskAttribute : System.Attribute
{
}
