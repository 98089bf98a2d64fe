using System.Diagnostics;
using System.IO;
using Python.Runtime;
using Razorvine.Pickle;

namespace InteropGuardSample;

/// <summary>Each load here reads a file nobody scanned: every one gets a PBG2nnn warning at build time.</summary>
public static class Unguarded
{
    // PBG2001: torch.load through pythonnet.
    public static object LoadWeights(string path)
    {
        using (Py.GIL())
        {
            dynamic torch = Py.Import("torch");
            return torch.load(path);
        }
    }

    // PBG2002: Python code that unpickles, run by the embedded interpreter.
    public static void RunLoader(string path) =>
        PythonEngine.Exec($"import pickle\nwith open(r'{path}', 'rb') as f:\n    model = pickle.load(f)");

    // PBG2005: Razorvine.Pickle parses the pickle in-process.
    public static object ReadState(string path)
    {
        using var unpickler = new Unpickler();
        return unpickler.load(File.OpenRead(path));
    }

    // PBG2006: a python child process that runs torch.load.
    public static Process? Convert(string path) =>
        Process.Start("python", $"-c \"import torch; torch.save(torch.load(r'{path}'), 'out.pt')\"");
}
