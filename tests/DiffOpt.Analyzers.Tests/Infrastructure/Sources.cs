namespace DiffOpt.Analyzers.Tests.Infrastructure;

/// <summary>Wraps test members in the usual file: usings and a static partial class.</summary>
internal static class Sources
{
    /// <summary>Removes diagnostic markup (<c>{|DOPT0012:F|}</c> → <c>F</c>) for tests that compile the source directly.</summary>
    public static string WithoutMarkup(string source) => System.Text.RegularExpressions.Regex.Replace(source, @"\{\|[^:|]+:|\|\}", string.Empty);

    public static string InStaticClass(string members) => $$"""
        using System;
        using DiffOpt;

        public static partial class Model
        {
        {{members}}
        }
        """;
}
