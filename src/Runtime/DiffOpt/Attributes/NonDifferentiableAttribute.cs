using System;

namespace DiffOpt;

/// <summary>
/// Marks a parameter of a <see cref="DifferentiableAttribute">[Differentiable]</see> method as a constant: no derivative
/// is ever taken with respect to it, and derivative declarations may not ask for one.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class NonDifferentiableAttribute : Attribute
{
}
