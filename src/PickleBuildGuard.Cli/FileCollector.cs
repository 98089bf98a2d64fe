using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PickleBuildGuard;
using PickleBuildGuard.Scanning;

namespace PickleBuildGuard.Cli;

/// <summary>
/// Turns the paths of the command line into the files to scan: a file named explicitly is always scanned; in a
/// directory, a file is scanned when its extension is a model extension or its first bytes say pickle or model
/// container. Each directory is listed in name order so the report is the same on every run.
/// </summary>
internal sealed class FileCollector
{
    /// <summary>Version-control metadata: compressed object stores that would be sniffed and scanned for nothing.</summary>
    private static readonly string[] SkippedDirectories = { ".git", ".hg", ".svn" };

    private static readonly StringComparer PathComparer =
        Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private readonly HashSet<string> seen = new(PathComparer);

    public List<ScanTarget> Targets { get; } = new();

    /// <summary>Command-line paths that name neither a file nor a directory.</summary>
    public List<string> MissingPaths { get; } = new();

    /// <summary>Directories on the command line in which nothing was found to scan.</summary>
    public List<string> EmptyDirectories { get; } = new();

    public void Add(string argument, bool recursive)
    {
        if (File.Exists(argument))
        {
            AddTarget(argument, argument);
        }
        else if (Directory.Exists(argument))
        {
            int before = Targets.Count;
            AddDirectory(argument, DisplayRoot(argument), recursive);
            if (Targets.Count == before && ModelFileExtensions.HasModelExtension(Path.GetFileName(argument.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))))
            {
                // "model.pt" that is a directory with nothing to scan in it: the model that was meant is not there,
                // which must not pass as "nothing found". The engine reports it (PBG0001, is a directory).
                AddTarget(argument, argument);
            }
            else if (Targets.Count == before)
            {
                EmptyDirectories.Add(argument);
            }
        }
        else
        {
            MissingPaths.Add(argument);
        }
    }

    private void AddDirectory(string directory, string display, bool recursive)
    {
        List<FileSystemInfo> entries;
        try
        {
            var options = new EnumerationOptions
            {
                // Hidden files are scanned too: hiding is what a planted payload would do.
                AttributesToSkip = 0,
                IgnoreInaccessible = false,
                RecurseSubdirectories = false,
                ReturnSpecialDirectories = false,
            };
            entries = new DirectoryInfo(directory).EnumerateFileSystemInfos("*", options)
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            // Fail closed: the engine reports a directory it cannot read as an unreadable input (verdict unknown).
            AddTarget(directory, display.Length == 0 ? directory : display);
            return;
        }

        foreach (var entry in entries)
        {
            string entryDisplay = display.Length == 0 ? entry.Name : Path.Join(display, entry.Name);
            if (entry is DirectoryInfo subdirectory)
            {
                // A symbolic link to a directory can point at an ancestor and loop forever; the target is scanned
                // where it really is, if it is inside what was asked for.
                int before = Targets.Count;
                if (recursive && subdirectory.LinkTarget is null && !SkippedDirectories.Contains(subdirectory.Name, PathComparer))
                {
                    AddDirectory(subdirectory.FullName, entryDisplay, recursive);
                }

                if (Targets.Count == before && ModelFileExtensions.HasModelExtension(subdirectory.Name))
                {
                    // A directory named like a model file (not entered, or empty) is where a model was expected.
                    AddTarget(subdirectory.FullName, entryDisplay);
                }
            }
            else if (ShouldScan((FileInfo)entry))
            {
                AddTarget(entry.FullName, entryDisplay);
            }
        }
    }

    private static bool ShouldScan(FileInfo file)
    {
        if (ModelFileExtensions.HasModelExtension(file.Name))
        {
            return true;
        }

        // Sniffing opens the file; an empty file cannot be a pickle, and a FIFO or device (length 0) would block.
        return SafeLength(file) > 0 && PickleScanner.LooksLikeModelFile(file.FullName);
    }

    private static long SafeLength(FileInfo file)
    {
        try
        {
            return file.Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private void AddTarget(string path, string display)
    {
        if (seen.Add(Path.GetFullPath(path)))
        {
            Targets.Add(new ScanTarget(path, display));
        }
    }

    /// <summary>"." lists its files by bare name, "models/" as "models/x.pkl".</summary>
    private static string DisplayRoot(string argument)
    {
        if (argument == "." || argument == "./" || argument == ".\\")
        {
            return string.Empty;
        }

        string trimmed = argument.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return trimmed.Length == 0 ? argument : trimmed;
    }
}
