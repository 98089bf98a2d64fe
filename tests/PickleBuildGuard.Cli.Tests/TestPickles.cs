using System.Text;

namespace PickleBuildGuard.Cli.Tests;

/// <summary>Small pickles written as bytes, so the tests need no Python.</summary>
internal static class TestPickles
{
    /// <summary><c>pickle.dumps([1, 2, 3], protocol=2)</c>.</summary>
    public static byte[] Benign { get; } = { 0x80, 0x02, 0x5d, 0x71, 0x00, 0x28, 0x4b, 0x01, 0x4b, 0x02, 0x4b, 0x03, 0x65, 0x2e };

    /// <summary>Protocol 0: <c>posix.system('echo pbg')</c> on load.</summary>
    public static byte[] Malicious { get; } = Encoding.ASCII.GetBytes("cposix\nsystem\n(S'echo pbg'\ntR.");

    public static byte[] PlainText { get; } = Encoding.ASCII.GetBytes("just some notes, not a model\n");
}
