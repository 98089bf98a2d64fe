using PickleBuildGuard.Analyzers.Processes;
using Xunit;

namespace PickleBuildGuard.Analyzers.Tests;

/// <summary>Which program names PBG2006 treats as a Python launcher or a shell (by path, case, version and .exe).</summary>
public sealed class PythonLaunchTests
{
    [Theory]
    [InlineData("python")]
    [InlineData("python3")]
    [InlineData("python3.11")]
    [InlineData("python3.11.2")]
    [InlineData("PYTHON.EXE")]
    [InlineData("Python312.exe")]
    [InlineData("/usr/bin/python3.11")]
    [InlineData(@"C:\Python311\python.exe")]
    [InlineData("\"C:\\Program Files\\Python\\python.exe\"")]
    [InlineData("pythonw")]
    [InlineData("pypy")]
    [InlineData("pypy3.10")]
    [InlineData("ipython")]
    [InlineData("py.exe")]
    [InlineData("uv")]
    [InlineData("uvx")]
    [InlineData("conda")]
    [InlineData("micromamba")]
    [InlineData("poetry")]
    [InlineData("hatch")]
    [InlineData("bash")]
    [InlineData("/bin/sh")]
    [InlineData("cmd.exe")]
    [InlineData("PowerShell.exe")]
    [InlineData("pwsh")]
    public void Launchers_and_shells_are_recognised(string fileName) => Assert.True(PythonLaunch.IsPythonOrShell(fileName));

    [Theory]
    [InlineData("pythonista")]
    [InlineData("python3.")]
    [InlineData("python.3")]
    [InlineData("python3..11")]
    [InlineData("python-config")]
    [InlineData("pypy.")]
    [InlineData("pyright")]
    [InlineData("dotnet")]
    [InlineData("git.exe")]
    [InlineData("bashful")]
    [InlineData("python/run")]
    [InlineData("")]
    [InlineData(".exe")]
    public void Other_programs_are_not(string fileName) => Assert.False(PythonLaunch.IsPythonOrShell(fileName));

    [Fact]
    public void A_shell_is_not_a_python_launcher()
    {
        Assert.True(PythonLaunch.IsShell("bash"));
        Assert.False(PythonLaunch.IsPythonLauncher("bash"));
        Assert.True(PythonLaunch.IsPythonLauncher("python3.12"));
        Assert.False(PythonLaunch.IsShell("python3.12"));
    }
}
