using System;

namespace DiffOpt;

/// <summary>
/// Marks a method whose derivatives DiffOpt generates at compile time.
/// </summary>
/// <remarks>
/// <para>
/// The method body must stay inside the differentiable subset of C# (see <c>docs/supported-csharp.md</c>);
/// the DiffOpt analyzers report, on the exact expression, anything outside it. The containing type must be
/// <see langword="partial"/>, because the generator adds the method's pullback and pushforward next to it so
/// that other differentiable methods can call it.
/// </para>
/// <para>
/// Derivatives are requested with partial declarations marked <see cref="GradientAttribute"/> or
/// <see cref="JvpAttribute"/>.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DifferentiableAttribute : Attribute
{
}
