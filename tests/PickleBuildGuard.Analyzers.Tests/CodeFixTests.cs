using System.Threading.Tasks;
using PickleBuildGuard.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PickleBuildGuard.Analyzers.Tests;

public sealed class CodeFixTests
{
    [Fact]
    public Task Guard_is_inserted_before_the_statement_with_the_using() => CodeFixVerifier.VerifyFixAsync(
        """
        using System.IO;
        using Razorvine.Pickle;

        class C
        {
            object M(Stream stream)
            {
                var unpickler = new Unpickler();
                return unpickler.load(stream);
            }
        }
        """,
        """
        using System.IO;
        using PickleBuildGuard;
        using Razorvine.Pickle;

        class C
        {
            object M(Stream stream)
            {
                var unpickler = new Unpickler();
                PickleGuard.EnsureSafe(stream);
                return unpickler.load(stream);
            }
        }
        """);
}
