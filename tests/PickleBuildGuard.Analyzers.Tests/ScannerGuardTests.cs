using System.Threading.Tasks;
using PickleBuildGuard.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PickleBuildGuard.Analyzers.Tests;

/// <summary>
/// "Routed through the scanner" (DESIGN.md): the same variable passed to EnsureSafe, or checked with IsSafe, on every
/// path to the load in the same method, and not written since. Razorvine's Unpickler is the sink throughout.
/// </summary>
public sealed class ScannerGuardTests
{
    private static Task VerifyAsync(string body, string members = "") => new TestProject().WithSource($$"""
        using System;
        using System.IO;
        using PickleBuildGuard;
        using Razorvine.Pickle;

        class C
        {
            {{members}}
            object? M(string path, string other, Stream stream, byte[] data, bool flag)
            {
        {{body}}
            }

            static void Reopen(out string path) => path = "";
        }
        """).VerifyAsync(RuleIdentifiers.DotNetUnpickler);

    [Fact]
    public Task EnsureSafe_before_the_load_is_silent() => VerifyAsync("""
                PickleGuard.EnsureSafe(data);
                return new Unpickler().loads(data);
        """);

    [Fact]
    public Task EnsureSafe_result_used_as_a_value_still_guards() => VerifyAsync("""
                var report = PickleGuard.EnsureSafe(stream);
                Console.WriteLine(report);
                return new Unpickler().load(stream);
        """);

    [Fact]
    public Task EnsureSafe_after_the_load_is_reported() => VerifyAsync("""
                var result = [|new Unpickler().load(stream)|];
                PickleGuard.EnsureSafe(stream);
                return result;
        """);

    [Fact]
    public Task Guard_on_the_path_a_stream_was_opened_from_is_silent() => VerifyAsync("""
                PickleGuard.EnsureSafe(path);
                using var opened = File.OpenRead(path);
                return new Unpickler().load(opened);
        """);

    [Fact]
    public Task Guard_on_the_path_bytes_were_read_from_is_silent() => VerifyAsync("""
                PickleGuard.EnsureSafe(path);
                var bytes = File.ReadAllBytes(path);
                return new Unpickler().loads(bytes);
        """);

    [Fact]
    public Task Guard_on_a_path_does_not_cover_a_stream_later_reassigned() => VerifyAsync("""
                PickleGuard.EnsureSafe(path);
                var opened = File.OpenRead(path);
                opened = File.OpenRead(other);
                return [|new Unpickler().load(opened)|];
        """);

    [Fact]
    public Task Guard_on_another_path_does_not_cover_an_opened_stream() => VerifyAsync("""
                PickleGuard.EnsureSafe(other);
                var opened = new FileStream(path, FileMode.Open);
                return [|new Unpickler().load(opened)|];
        """);

    [Fact]
    public Task Guard_on_a_different_variable_is_reported() => VerifyAsync("""
                PickleGuard.EnsureSafe(other);
                return [|new Unpickler().load(File.OpenRead(path))|];
        """);

    [Fact]
    public Task Guard_in_one_branch_only_is_reported() => VerifyAsync("""
                if (flag)
                {
                    PickleGuard.EnsureSafe(path);
                }

                return [|new Unpickler().load(File.OpenRead(path))|];
        """);

    [Fact]
    public Task Guard_in_both_branches_is_silent() => VerifyAsync("""
                if (flag)
                {
                    PickleGuard.EnsureSafe(path);
                }
                else
                {
                    Console.WriteLine("checking");
                    PickleGuard.EnsureSafe(path);
                }

                return new Unpickler().load(File.OpenRead(path));
        """);

    [Fact]
    public Task Reassignment_after_the_guard_is_reported() => VerifyAsync("""
                PickleGuard.EnsureSafe(path);
                path = other;
                return [|new Unpickler().load(File.OpenRead(path))|];
        """);

    [Fact]
    public Task Out_argument_after_the_guard_is_reported() => VerifyAsync("""
                PickleGuard.EnsureSafe(path);
                Reopen(out path);
                return [|new Unpickler().load(File.OpenRead(path))|];
        """);

    [Fact]
    public Task Guard_after_a_reassignment_is_silent() => VerifyAsync("""
                path = other;
                PickleGuard.EnsureSafe(path);
                return new Unpickler().load(File.OpenRead(path));
        """);

    [Fact]
    public Task IsSafe_with_early_return_is_silent() => VerifyAsync("""
                if (!PickleGuard.IsSafe(path))
                {
                    return null;
                }

                return new Unpickler().load(File.OpenRead(path));
        """);

    [Fact]
    public Task IsSafe_with_throw_is_silent() => VerifyAsync("""
                if (!PickleGuard.IsSafe(data)) throw new InvalidOperationException("unsafe pickle");
                return new Unpickler().loads(data);
        """);

    [Fact]
    public Task IsSafe_guarding_the_then_branch_is_silent_and_the_else_branch_is_reported() => VerifyAsync("""
                if (PickleGuard.IsSafe(stream))
                {
                    return new Unpickler().load(stream);
                }
                else
                {
                    return [|new Unpickler().load(stream)|];
                }
        """);

    [Fact]
    public Task IsSafe_in_a_conjunction_and_a_conditional_expression_is_silent() => VerifyAsync("""
                if (flag && PickleGuard.IsSafe(path))
                {
                    Console.WriteLine(new Unpickler().load(File.OpenRead(path)));
                }

                return PickleGuard.IsSafe(data) ? new Unpickler().loads(data) : null;
        """);

    [Fact]
    public Task IsSafe_in_a_disjunction_with_early_return_is_silent() => VerifyAsync("""
                if (flag || !PickleGuard.IsSafe(path))
                {
                    return null;
                }

                return new Unpickler().load(File.OpenRead(path));
        """);

    [Fact]
    public Task IsSafe_stored_in_a_local_is_not_followed() => VerifyAsync("""
                bool safe = PickleGuard.IsSafe(path);
                if (!safe) return null;
                return [|new Unpickler().load(File.OpenRead(path))|];
        """);

    [Fact]
    public Task IsSafe_without_acting_on_it_is_reported() => VerifyAsync("""
                Console.WriteLine(PickleGuard.IsSafe(path));
                return [|new Unpickler().load(File.OpenRead(path))|];
        """);

    [Fact]
    public Task Guard_inside_the_loop_body_is_silent() => VerifyAsync("""
                foreach (var file in Directory.GetFiles(path))
                {
                    PickleGuard.EnsureSafe(file);
                    Console.WriteLine(new Unpickler().load(File.OpenRead(file)));
                }

                return null;
        """);

    [Fact]
    public Task Guard_before_a_loop_that_reassigns_is_reported() => VerifyAsync("""
                PickleGuard.EnsureSafe(path);
                while (flag)
                {
                    Console.WriteLine([|new Unpickler().load(File.OpenRead(path))|]);
                    path = other;
                }

                return null;
        """);

    [Fact]
    public Task Guard_before_a_loop_that_does_not_reassign_is_silent() => VerifyAsync("""
                PickleGuard.EnsureSafe(path);
                for (int i = 0; i < 3; i++)
                {
                    Console.WriteLine(new Unpickler().load(File.OpenRead(path)));
                }

                return null;
        """);

    [Fact]
    public Task Guard_before_try_covers_catch_and_finally() => VerifyAsync("""
                PickleGuard.EnsureSafe(data);
                try
                {
                    return new Unpickler().loads(data);
                }
                catch (IOException)
                {
                    return new Unpickler().loads(data);
                }
                finally
                {
                    Console.WriteLine(new Unpickler().loads(data));
                }
        """);

    [Fact]
    public Task Guard_inside_try_does_not_cover_catch() => VerifyAsync("""
                try
                {
                    PickleGuard.EnsureSafe(data);
                    return new Unpickler().loads(data);
                }
                catch (IOException)
                {
                    return [|new Unpickler().loads(data)|];
                }
        """);

    [Fact]
    public Task Guard_outside_a_lambda_does_not_cover_its_body() => VerifyAsync("""
                PickleGuard.EnsureSafe(data);
                Func<object> later = () => [|new Unpickler().loads(data)|];
                return later();
        """);

    [Fact]
    public Task Guard_inside_a_lambda_or_local_function_is_silent() => VerifyAsync("""
                Func<object> later = () =>
                {
                    PickleGuard.EnsureSafe(data);
                    return new Unpickler().loads(data);
                };
                return Load(stream) ?? later();

                static object Load(Stream s)
                {
                    PickleGuard.EnsureSafe(s);
                    return new Unpickler().load(s);
                }
        """);

    [Fact]
    public Task Guard_on_a_field_and_on_a_property_of_the_same_receiver_is_silent() => VerifyAsync(
        """
                PickleGuard.EnsureSafe(modelPath);
                Console.WriteLine(new Unpickler().load(File.OpenRead(this.modelPath)));
                var options = new Options();
                PickleGuard.EnsureSafe(options.Path);
                return new Unpickler().load(File.OpenRead(options.Path));
        """,
        """
            private string modelPath = "model.pkl";

            sealed class Options { public string Path { get; set; } = ""; }
        """);

    [Fact]
    public Task Guard_on_the_same_property_of_another_receiver_is_reported() => VerifyAsync(
        """
                Options first = new(), second = new();
                PickleGuard.EnsureSafe(first.Path);
                return [|new Unpickler().load(File.OpenRead(second.Path))|];
        """,
        """
            sealed class Options { public string Path { get; set; } = ""; }
        """);

    [Fact]
    public Task Reassigning_the_receiver_after_the_guard_is_reported() => VerifyAsync(
        """
                var options = new Options();
                PickleGuard.EnsureSafe(options.Path);
                options = new Options();
                return [|new Unpickler().load(File.OpenRead(options.Path))|];
        """,
        """
            sealed class Options { public string Path { get; set; } = ""; }
        """);

    [Fact]
    public Task Without_PickleBuildGuard_referenced_every_load_is_reported() => new TestProject().WithoutPickleGuard().WithSource("""
        using System.IO;
        using Razorvine.Pickle;

        namespace PickleBuildGuard
        {
            static class Elsewhere { public static void EnsureSafe(Stream s) { } }
        }

        class C
        {
            object M(Stream stream)
            {
                PickleBuildGuard.Elsewhere.EnsureSafe(stream);
                return [|new Unpickler().load(stream)|];
            }
        }
        """).VerifyAsync(RuleIdentifiers.DotNetUnpickler);
}
