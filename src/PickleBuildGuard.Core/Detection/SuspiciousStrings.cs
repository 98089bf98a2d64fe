using System;

namespace PickleBuildGuard.Detection;

/// <summary>
/// Recognises strings that look like shell commands, Python code or URLs. Only ever supporting evidence: a model
/// may legitimately hold a URL, so these never raise a verdict on their own.
/// </summary>
internal static class SuspiciousStrings
{
    private static readonly (string Needle, string Why)[] Markers =
    {
        ("/bin/sh", "shell"), ("/bin/bash", "shell"), ("cmd.exe", "shell"), ("powershell", "shell"), ("sh -c", "shell"),
        ("curl ", "downloader"), ("wget ", "downloader"), ("| sh", "pipe to shell"), ("|sh", "pipe to shell"), ("nc -e", "reverse shell"),
        ("/dev/tcp/", "reverse shell"), ("rm -rf", "destructive command"), ("chmod ", "permission change"),
        ("import os", "Python code"), ("import subprocess", "Python code"), ("__import__", "Python code"), ("os.system", "Python code"),
        ("subprocess.", "Python code"), ("exec(", "Python code"), ("eval(", "Python code"), ("compile(", "Python code"),
        ("base64.b64decode", "encoded payload"), ("http://", "URL"), ("https://", "URL"), ("ftp://", "URL"),
        ("$(", "command substitution"), ("`", "command substitution"), ("&&", "command chaining"), ("; ", "command chaining"),
        ("touch ", "shell"), ("echo ", "shell"),
    };

    /// <summary>Why the text is suspicious, or null.</summary>
    public static string? Match(string text)
    {
        if (text.Length < 4)
        {
            return null;
        }

        foreach (var (needle, why) in Markers)
        {
            if (text.IndexOf(needle, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return why;
            }
        }

        return null;
    }
}
