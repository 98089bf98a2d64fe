using PickleBuildGuard.Scanning;

namespace PickleBuildGuard.Cli;

/// <summary>What <c>--help</c> prints; the exit-code rules here are the contract scripts rely on.</summary>
internal static class HelpText
{
    public const string Usage =
        "usage: pickleguard scan <path>... [-r|--recursive] [-f|--format text|json|sarif] [-o|--output FILE]\n" +
        "                        [--policy FILE] [--allow GLOBAL]... [--block GLOBAL]... [--strict]";

    public const string General =
        "pickleguard - scan Python pickle and model files for code that runs when they are loaded.\n" +
        "Nothing is loaded, imported or executed: the files are analysed statically.\n" +
        "\n" +
        Usage + "\n" +
        "       pickleguard --help | --version\n" +
        "       pickleguard scan --help\n" +
        "\n" +
        "Exit codes: 0 clean, 1 suspicious, 2 dangerous, 3 critical, 4 unknown (analysis incomplete),\n" +
        "            64 bad usage or policy, 66 a path does not exist. See 'pickleguard scan --help'.\n";

    public static string Scan { get; } =
        Usage + "\n" +
        "\n" +
        "Scans files, and the files in directories, for pickle content that runs code when loaded.\n" +
        "\n" +
        "Arguments:\n" +
        "  <path>...              Files and directories. A file named here is always scanned. In a directory, a\n" +
        "                         file is scanned when its first bytes are a pickle or a model container,\n" +
        "                         whatever its name, or when it has one of these extensions:\n" +
        ModelFileExtensions.Wrapped("                         ", 104) +
        "\n" +
        "Options:\n" +
        "  -r, --recursive        Also scan subdirectories. Symbolic links to directories are not followed, and\n" +
        "                         .git, .hg and .svn are skipped.\n" +
        "  -f, --format FORMAT    text (default), json or sarif (SARIF 2.1.0; uris relative to the current directory).\n" +
        "  -o, --output FILE      Write the report to FILE (directories are created) instead of stdout; a one-line\n" +
        "                         summary goes to stderr. '-' is stdout.\n" +
        "      --policy FILE      JSON policy file: allowGlobals, blockGlobals, strict, limits.\n" +
        "      --allow GLOBAL     Trust module.name or module.* on top of the built-in allowlist. Repeatable;\n" +
        "                         a comma-separated list is accepted too.\n" +
        "      --block GLOBAL     Always treat module.name or module.* as dangerous; wins over --allow. Repeatable.\n" +
        "      --strict           Treat globals the scanner does not know as dangerous instead of suspicious.\n" +
        "  -h, --help             Show this help.\n" +
        "  --                     Everything after it is a path, even when it starts with '-'.\n" +
        "\n" +
        "Exit codes (the worst verdict over all files scanned):\n" +
        "  0 clean, 1 suspicious, 2 dangerous, 3 critical, 4 unknown (a file could not be analysed completely;\n" +
        "  never safe to load).\n" +
        "  64 bad usage, or a policy file or pattern that cannot be used (nothing is scanned).\n" +
        "  66 a path does not exist. The paths that exist are still scanned and reported; when any of them is\n" +
        "     not clean, its verdict code is returned instead, so a missing path never hides a finding and never\n" +
        "     lets the run pass.\n" +
        "  73 the report file cannot be written.\n" +
        "\n" +
        "In GitHub Actions (GITHUB_ACTIONS=true) findings are also printed to stderr as ::error / ::warning\n" +
        "workflow commands (the first 10 of each). Colours are used only on a terminal and when NO_COLOR is unset.\n";
}
