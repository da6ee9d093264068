using DiffOpt.Generators.Model;

namespace DiffOpt.Generators.Ir;

/// <summary>
/// Identifies a called differentiable method without holding its symbol: the receiver spelling and name are
/// enough to call the helpers the generator emits next to the callee.
/// </summary>
/// <param name="Receiver">How to reach the method from generated code: a <c>global::</c>-qualified type name for a static
/// method, <c>this</c> for an instance method of the same object.</param>
/// <param name="Name">The callee's name; its helpers are <c>Name__Pullback</c> and <c>Name__Pushforward</c>.</param>
/// <param name="Parameters">The callee's parameters, in order.</param>
internal sealed record Callee(string Receiver, string Name, EquatableArray<IrParameter> Parameters);
