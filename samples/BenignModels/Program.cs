using System;
using System.IO;
using PickleBuildGuard;

// The build already verified these files; a file that arrives at run time (a download, a user upload) is checked
// the same way before anything hands it to Python.
foreach (string model in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "models")))
{
    var result = PickleGuard.EnsureSafe(model);
    Console.WriteLine($"{Path.GetFileName(model)}: {result.Format}, {result.Verdict}");
}
