using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace PickleBuildGuard.Scanning;

/// <summary>The file extensions that mark a file as a model to scan without looking at its content first.</summary>
public static class ModelFileExtensions
{
    /// <summary>
    /// What the CLI scans in a directory: pickle, PyTorch, NumPy, joblib/dill, Keras/sklearn, and the archives and
    /// compressions models ship in.
    /// </summary>
    public static IReadOnlyList<string> All { get; } = new[]
    {
        ".pkl", ".pickle", ".pk", ".p", ".pt", ".pth", ".bin", ".ckpt", ".joblib", ".jl", ".npy", ".npz", ".dat", ".data",
        ".dill", ".cloudpickle", ".gz", ".bz2", ".xz", ".lzma", ".zip", ".7z", ".tar", ".safetensors", ".mar", ".model",
        ".sav", ".h5",
    };

    /// <summary>
    /// The default of <c>PickleBuildGuardExtensions</c>: the extensions whose files pickle-based loaders open. Generic
    /// archive, compression and data extensions (<c>.zip</c>, <c>.gz</c>, <c>.dat</c>, <c>.h5</c>…) are left to content
    /// sniffing, so a project's zipped documents or compressed CSVs do not fail its build for not being models.
    /// </summary>
    public static IReadOnlyList<string> BuildDefault { get; } = new[]
    {
        ".pkl", ".pickle", ".pk", ".pt", ".pth", ".bin", ".ckpt", ".joblib", ".jl", ".npy", ".npz", ".dill", ".cloudpickle",
        ".sav", ".mar", ".safetensors",
    };

    /// <summary>The list for help text: lines of at most <paramref name="width"/> characters, each starting with <paramref name="indent"/>.</summary>
    public static string Wrapped(string indent, int width)
    {
        var text = new StringBuilder();
        var line = new StringBuilder(indent);
        foreach (string extension in All)
        {
            if (line.Length > indent.Length && line.Length + 1 + extension.Length > width)
            {
                text.Append(line).Append('\n');
                line.Clear().Append(indent);
            }

            line.Append(line.Length > indent.Length ? " " : string.Empty).Append(extension);
        }

        return text.Append(line).Append('\n').ToString();
    }

    /// <summary>Multi-part names such as <c>model.pkl.gz</c> match through their last extension.</summary>
    public static bool HasModelExtension(string fileName) => HasExtension(fileName, All);

    /// <summary>Whether <paramref name="fileName"/> ends with one of <paramref name="extensions"/>, ignoring case.</summary>
    public static bool HasExtension(string fileName, IEnumerable<string> extensions) =>
        extensions.Any(extension => extension.Length > 0 && fileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses a <c>;</c>/<c>,</c> separated list as MSBuild properties give it; each entry gets its leading dot.</summary>
    public static IReadOnlyList<string> ParseList(string? list) =>
        Policy.ScanPolicy.SplitList(list).Select(e => e.StartsWith(".", StringComparison.Ordinal) ? e : "." + e).ToArray();
}
