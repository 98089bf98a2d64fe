using System;
using System.Collections.Generic;
using System.IO;
using PickleBuildGuard.Json;
using Xunit;

namespace PickleBuildGuard.Tests.Json;

public sealed class JsonReaderTests
{
    [Theory]
    [InlineData("\"plain\"", "plain")]
    [InlineData("\"\"", "")]
    [InlineData("\"prefix then \\\"quote\\\"\"", "prefix then \"quote\"")]
    [InlineData("\"tab\\tand\\nnewline\"", "tab\tand\nnewline")]
    [InlineData("\"\\u00e9t\\u00E9\"", "été")]
    [InlineData("\"C:\\\\models\\\\a.pt\"", "C:\\models\\a.pt")]
    [InlineData("\"not ascii: \u00e9\u4e2d\"", "not ascii: é中")]
    public void Strings_with_and_without_escapes_read_back_exactly(string json, string expected) =>
        Assert.Equal(expected, JsonReader.Parse(json));

    [Theory]
    [InlineData("\"unterminated")]
    [InlineData("\"raw\ttab\"")]
    [InlineData("\"raw\nnewline\"")]
    [InlineData("\"bad \\x escape\"")]
    [InlineData("\"short \\u12\"")]
    [InlineData("\"ends in a backslash\\")]
    public void Malformed_strings_are_format_errors(string json) =>
        Assert.Throws<FormatException>(() => JsonReader.Parse(json));

    [Fact]
    public void Everything_the_writer_writes_reads_back()
    {
        var values = new[] { "plain", "quote \" and backslash \\", "controls \u0001\u001f\t\r\n", "line separators \u2028\u2029", "lone surrogate \ud800 x", "pair \ud83d\ude00" };
        var text = new StringWriter();
        var writer = new JsonWriter(text, indented: false).StartArray();
        foreach (var value in values)
        {
            writer.Value(value);
        }

        writer.EndArray();
        var read = Assert.IsType<List<object?>>(JsonReader.Parse(text.ToString()));
        Assert.Equal(values, read);
    }
}
