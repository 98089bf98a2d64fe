using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace PickleBuildGuard.Package.Tests;

/// <summary>
/// A fresh project in a temp folder that references the PickleBuildGuard package from the local feed, as a user who
/// ran `dotnet add package PickleBuildGuard` has. Restores from that feed only (no network), into its own package
/// folder, so a repacked package is never shadowed by a stale copy in the user's cache.
/// </summary>
internal sealed class ConsumerProject : IDisposable
{
    private static readonly string OuterPackages =
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private int builds;

    public ConsumerProject(string targetFrameworks = "net10.0", string extraProjectXml = "")
    {
        Directory = Path.Combine(Path.GetTempPath(), "pbg-e2e-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        System.IO.Directory.CreateDirectory(Directory);
        string frameworks = targetFrameworks.Contains(';') ? $"<TargetFrameworks>{targetFrameworks}</TargetFrameworks>" : $"<TargetFramework>{targetFrameworks}</TargetFramework>";
        File.WriteAllText(ProjectFile, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                {frameworks}
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PickleBuildGuard" Version="{PackageFeed.Version}" />
              </ItemGroup>
              {extraProjectXml}
            </Project>
            """);
        File.WriteAllText(Path.Combine(Directory, "Class1.cs"), "namespace Consumer; public static class Class1 { public static int Answer => 42; }\n");
        // The outer build's package folder is a second local source: the net8.0 targeting pack for multi-targeting.
        File.WriteAllText(Path.Combine(Directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(Directory, ".packages")}" /></config>
              <packageSources>
                <clear />
                <add key="pickleguard-feed" value="{PackageFeed.Directory}" />
                <add key="outer-packages" value="{OuterPackages}" />
              </packageSources>
            </configuration>
            """);
    }

    public string Directory { get; }

    public string ProjectFile => Path.Combine(Directory, "Consumer.csproj");

    public string ObjDirectory => Path.Combine(Directory, "obj");

    /// <summary>Copies a model from the test corpus into the project folder under <paramref name="name"/>.</summary>
    public string AddFile(string model, string name)
    {
        string target = Path.Combine(Directory, name);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(PackageFeed.Model(model), target, overwrite: true);
        return target;
    }

    /// <summary>Adds project XML (items, properties) before the closing tag.</summary>
    public void AddProjectXml(string xml)
    {
        string text = File.ReadAllText(ProjectFile);
        File.WriteAllText(ProjectFile, text.Replace("</Project>", xml + "\n</Project>"));
    }

    /// <summary>Runs `dotnet build -bl` with the given properties and returns what the binlog says.</summary>
    public BuildRun Build(params string[] properties) => Run("build", properties);

    public BuildRun Run(string verb, IEnumerable<string> properties, params string[] extraArguments) =>
        Run(verb, ProjectFile, properties, extraArguments);

    /// <summary>Builds another project (one copied into this folder) with this folder's package source and cache.</summary>
    public BuildRun RunProject(string projectFile, params string[] properties) => Run("build", projectFile, properties);

    private BuildRun Run(string verb, string projectFile, IEnumerable<string> properties, params string[] extraArguments)
    {
        int n = ++builds;
        // Beside the project, not in it: the binlog would otherwise become a None item of the next build.
        string binlog = Directory + $".build{n}.binlog";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(verb);
        start.ArgumentList.Add(projectFile);
        start.ArgumentList.Add("-nologo");
        start.ArgumentList.Add("-nr:false");
        start.ArgumentList.Add("-tl:off");
        start.ArgumentList.Add($"-bl:{binlog}");
        foreach (string property in properties)
        {
            start.ArgumentList.Add("-p:" + property);
        }

        foreach (string argument in extraArguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Microsoft.Build.Locator (used in-process by other tests) sets these; a child MSBuild must find its own.
        foreach (string variable in new[] { "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["NUGET_PACKAGES"] = Path.Combine(Directory, ".packages");
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(300_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {verb} did not finish in 5 minutes:\n{output}");
        }

        process.WaitForExit();
        return new BuildRun(process.ExitCode, output.ToString(), binlog);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
            foreach (string binlog in System.IO.Directory.GetFiles(Path.GetDirectoryName(Directory)!, Path.GetFileName(Directory) + ".build*.binlog"))
            {
                File.Delete(binlog);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
