using System;
using System.Diagnostics;
using System.IO;
using CSnakes.Runtime;
using PickleBuildGuard;
using Python.Runtime;
using Razorvine.Pickle;

namespace InteropGuardSample;

/// <summary>The same loads, each routed through the scanner first: no warnings.</summary>
public static class Guarded
{
    public static object LoadWeights(string path)
    {
        PickleGuard.EnsureSafe(path); // throws PickleSecurityException unless the file scans clean
        using (Py.GIL())
        {
            dynamic torch = Py.Import("torch");
            return torch.load(path);
        }
    }

    public static void RunLoader(string path)
    {
        if (!PickleGuard.IsSafe(path))
        {
            throw new InvalidDataException(path + " did not scan clean");
        }

        PythonEngine.Exec($"import pickle\nwith open(r'{path}', 'rb') as f:\n    model = pickle.load(f)");
    }

    public static object ReadState(string path)
    {
        using var stream = File.OpenRead(path);
        PickleGuard.EnsureSafe(stream); // scans from the current position and rewinds
        using var unpickler = new Unpickler();
        return unpickler.load(stream);
    }

    public static Process? Convert(string path)
    {
        PickleGuard.EnsureSafe(path);
        return Process.Start("python", $"-c \"import torch; torch.save(torch.load(r'{path}'), 'out.pt')\"");
    }

    // What CSnakes' generated wrapper would call into (python/scoring.py, load_reviewed).
    public static void ScoreWithCSnakes(IPythonEnvironment env, string path)
    {
        PickleGuard.EnsureSafe(path);
        Console.WriteLine("would call env.Scoring().LoadReviewed(" + path + ") with " + env);
    }
}
