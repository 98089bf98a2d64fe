using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace PickleBuildGuard.Cli;

/// <summary>The file extensions scanned in a directory without looking at their content first.</summary>
internal static class ModelFileExtensions
{
    /// <summary>Pickle, PyTorch, NumPy, joblib/dill, Keras/sklearn, and the archives and compressions models ship in.</summary>
    public static IReadOnlyList<string> All { get; } = new[]
    {
        ".pkl", ".pickle", ".pk", ".p", ".pt", ".pth", ".bin", ".ckpt", ".joblib", ".jl", ".npy", ".npz", ".dat", ".data",
        ".dill", ".cloudpickle", ".gz", ".bz2", ".xz", ".lzma", ".zip", ".7z", ".tar", ".safetensors", ".mar", ".model",
        ".sav", ".h5",
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
    public static bool HasModelExtension(string fileName) =>
        All.Any(extension => fileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase));
}
