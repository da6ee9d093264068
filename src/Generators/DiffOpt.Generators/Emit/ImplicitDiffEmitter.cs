using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Signatures;
using DiffOpt.Generators.Transforms;

namespace DiffOpt.Generators.Emit;

/// <summary>
/// The derivative helpers of an <c>[ImplicitDiff]</c> solver S, which differentiable callers call in place of S (the front
/// end lowers <c>double[] w = S(x0, θ…)</c> to <c>S__Solve(x0, θ…, w)</c>): <c>S__Solve</c>, <c>S__Solve__Pullback</c> (solves
/// (∂F/∂x)ᵀu = w̄ at the solution the caller holds, then θ̄ += −(∂F/∂θ)ᵀu), <c>S__Solve__Pushforward</c> (solves
/// (∂F/∂x)ẋ = −(∂F/∂θ)θ̇) and a <c>S__Solve__Pullback__Pushforward</c> that throws (second order through a solver is not
/// supported). The products of ∂F/∂x and ∂F/∂θ come from the generated helpers of the condition: for an <c>[Optimize]</c>
/// solver F = ∇ₓf, whose products are Hessian products from <c>f__Pullback__Pushforward</c>; for a root condition C,
/// <c>C__Pullback</c>/<c>C__Pushforward</c>; for a fixed-point map T, F = x − T(x, θ).
/// </summary>
internal static class ImplicitDiffEmitter
{
    private const string Support = "global::DiffOpt.GeneratedCodeSupport.";
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<double>";
    private const string Span = "global::System.Span<double>";

    public const string SolveSuffix = Signatures.SolverBinder.SolveSuffix;

    public static string Emit(ImplicitDiffModel model) => SourceFileWriter.Write(model.Type, writer => new Writer(model, writer).Write());

    private sealed class Writer
    {
        private readonly ImplicitDiffModel model;
        private readonly IndentedWriter writer;
        private readonly string solve;
        private readonly string modifiers;
        private readonly string privateModifiers;
        private readonly NameScope names;
        private readonly Dictionary<string, string> adjoints = new();
        private readonly Dictionary<string, string> tangents = new();
        private readonly Dictionary<string, string> scratch = new();
        private readonly string initialPoint;
        private readonly string solution;
        private readonly string solutionAdjoint;
        private readonly string solutionTangent;
        private readonly string x;
        private readonly string v;
        private readonly string result;
        private readonly string n;
        private readonly string I;

        public Writer(ImplicitDiffModel model, IndentedWriter writer)
        {
            this.model = model;
            this.writer = writer;
            solve = model.Solver + SolveSuffix;
            modifiers = model.Accessibility + (model.IsStatic ? " static" : string.Empty);
            privateModifiers = model.IsStatic ? "private static" : "private";
            names = new NameScope(model.Theta.Select(t => t.Name));
            initialPoint = names.Fresh("initialPoint");
            solution = names.Fresh("solution");
            solutionAdjoint = names.Fresh("solutionAdjoint");
            solutionTangent = names.Fresh("solutionTangent");
            x = names.Fresh("x");
            v = names.Fresh("v");
            result = names.Fresh("result");
            n = names.Fresh("n");
            I = names.Fresh("i");
            foreach (var t in model.Theta)
            {
                var bare = t.Name.TrimStart('@');
                adjoints[t.Name] = names.Fresh(bare + "Adjoint");
                tangents[t.Name] = names.Fresh(bare + "Tangent");
                scratch[t.Name] = names.Fresh(bare + "Scratch");
            }
        }

        private IEnumerable<ThetaParameter> Slots => model.Theta.Where(t => t.HasSlot);

        private bool Symmetric => model.Kind == ConditionKind.Gradient;


        private string SystemField => model.Solver + "__ImplicitSystem";

        private string ThetaParameters => string.Concat(model.Theta.Select(t => ", " + t.Type + " " + t.Name));

        private string ThetaArguments => string.Concat(model.Theta.Select(t => ", " + t.Name));

        public void Write()
        {
            WriteSystem();
            WriteSolve();
            WritePullback();
            WritePushforward();
            WriteSecondOrder();
            WriteConditionJvp();
            WriteConditionVjp();
            WriteConditionThetaVjp();
            WriteConditionThetaJvp();
        }

        private void WriteSystem()
        {
            var linearSolvers = new[] { "Automatic", "ConjugateGradient", "NormalCg", "Gmres", "BiCgStab", "DenseLu", "DenseCholesky" };
            writer.Line("/// <summary>Linear-solver settings of the implicit derivative of <see cref=\"" + model.SolverCref + "\"/>.</summary>");
            writer.Line(SourceFileWriter.GeneratedCodeAttribute);
            writer.Line("private static readonly global::DiffOpt.Solvers.ImplicitSystem " + SystemField + " = new(\"" + model.Solver + "\", global::DiffOpt.LinearSolver." + linearSolvers[model.LinearSolver] + ", "
                + (Symmetric ? "true" : "false") + ", " + model.Tolerance.ToString("R", CultureInfo.InvariantCulture) + ", " + model.MaxIterations.ToString(CultureInfo.InvariantCulture) + ");");
            writer.Line();
        }

        private void Helper(string summary)
        {
            writer.Line("/// <summary>" + summary + "</summary>");
            SourceFileWriter.WriteHelperAttributes(writer);
        }

        private void WriteSolve()
        {
            Helper("Runs <see cref=\"" + model.SolverCref + "\"/> and copies its solution into <paramref name=\"" + solution + "\"/>: what differentiable callers call in its place. Called by generated derivative code.");
            writer.Open(modifiers + " void " + solve + "(" + ReadOnlySpan + " " + initialPoint + ThetaParameters + ", " + Span + " " + solution + ")");
            var start = model.InitialPointIsArray ? initialPoint + ".ToArray()" : initialPoint;
            var call = model.Solver + "(" + start + ThetaArguments + ")";
            writer.Line("double[] " + result + " = " + (model.SolverReturnsResult ? call + ".EnsureConverged().Solution" : call) + ";");
            writer.Open("if (" + result + ".Length != " + solution + ".Length)");
            writer.Line("throw new global::System.ArgumentException(\"" + model.Solver + " returned \" + " + result + ".Length.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \" values but the solution has length \" + " + solution + ".Length.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \" (the length of the initial point).\", nameof(" + solution + "));");
            writer.Close();
            writer.Line();
            writer.Line("global::System.MemoryExtensions.AsSpan(" + result + ").CopyTo(" + solution + ");");
            writer.Close();
            writer.Line();
        }

        /// <summary>Copies of span parameters, so the lambdas of the linear operators can read them.</summary>
        private Dictionary<string, string> WriteCopies()
        {
            var captured = new Dictionary<string, string>();
            foreach (var t in model.Theta.Where(t => t.Kind == ThetaKind.ReadOnlySpan))
            {
                captured[t.Name] = names.Fresh(t.Name.TrimStart('@') + "Array");
                writer.Line("double[] " + captured[t.Name] + " = " + t.Name + ".ToArray();");
            }

            return captured;
        }

        private void WriteOperators(Dictionary<string, string> captured, string point, out string jacobian, out string transposed)
        {
            var arguments = string.Concat(model.Theta.Select(t => ", " + (captured.TryGetValue(t.Name, out var c) ? c : t.Name)));
            var a = names.Fresh("vector");
            var b = names.Fresh("product");
            jacobian = names.Fresh("jacobian");
            transposed = Symmetric ? jacobian : names.Fresh("jacobianTransposed");
            writer.Line("global::DiffOpt.Solvers.MatVec " + jacobian + " = (" + a + ", " + b + ") => " + model.Solver + "__ConditionJvp(" + point + arguments + ", " + a + ", " + b + ");");
            if (!Symmetric)
            {
                writer.Line("global::DiffOpt.Solvers.MatVec " + transposed + " = (" + a + ", " + b + ") => " + model.Solver + "__ConditionVjp(" + point + arguments + ", " + a + ", " + b + ");");
            }
        }

        private void CheckLengths(Dictionary<string, string> derivatives)
        {
            foreach (var t in Slots.Where(t => t.IsVector))
            {
                writer.Open("if (!" + derivatives[t.Name] + ".IsEmpty && " + derivatives[t.Name] + ".Length != " + t.Name + ".Length)");
                writer.Line(Support + "ThrowLengthMismatch(nameof(" + derivatives[t.Name] + "), nameof(" + t.Name + "), " + t.Name + ".Length, " + derivatives[t.Name] + ".Length);");
                writer.Close();
                writer.Line();
            }
        }

        private void WritePullback()
        {
            var parameters = ReadOnlySpan + " " + initialPoint + ThetaParameters + ", " + ReadOnlySpan + " " + solution
                + string.Concat(Slots.Select(t => t.IsVector ? ", " + Span + " " + adjoints[t.Name] : ", ref double " + adjoints[t.Name]))
                + ", " + Span + " " + solutionAdjoint;
            Helper("Pullback of <see cref=\"" + model.SolverCref + "\"/> by the implicit function theorem, at the solution the caller holds (no re-solve): solves (∂F/∂x)ᵀu = the solution's adjoint, adds −(∂F/∂θ)ᵀu to the parameters' adjoints and clears the solution's adjoint. Called by generated derivative code.");
            writer.Open(modifiers + " void " + solve + "__Pullback(" + parameters + ")");
            writer.Line("int " + n + " = " + solution + ".Length;");
            writer.Open("if (" + solutionAdjoint + ".Length != " + n + ")");
            writer.Line(Support + "ThrowLengthMismatch(nameof(" + solutionAdjoint + "), nameof(" + solution + "), " + n + ", " + solutionAdjoint + ".Length);");
            writer.Close();
            writer.Line();
            CheckLengths(adjoints);
            var point = names.Fresh("point");
            writer.Line("double[] " + point + " = " + solution + ".ToArray();");
            var captured = WriteCopies();
            WriteOperators(captured, point, out var jacobian, out var transposed);
            var u = names.Fresh("u");
            writer.Line("double[] " + u + " = new double[" + n + "];");
            writer.Line(SystemField + ".SolveTransposed(" + jacobian + ", " + transposed + ", " + solutionAdjoint + ", " + u + ");");
            Negate(u, u + ".Length");
            writer.Line(model.Solver + "__ConditionThetaVjp(" + point + ThetaArguments + ", " + u + string.Concat(Slots.Select(t => t.IsVector ? ", " + adjoints[t.Name] : ", ref " + adjoints[t.Name])) + ");");
            writer.Line(solutionAdjoint + ".Clear();");
            writer.Close();
            writer.Line();
        }

        private void WritePushforward()
        {
            var parameters = ReadOnlySpan + " " + initialPoint + ThetaParameters + ", " + Span + " " + solution
                + string.Concat(Slots.Select(t => t.IsVector ? ", " + ReadOnlySpan + " " + tangents[t.Name] : ", double " + tangents[t.Name]))
                + ", " + Span + " " + solutionTangent;
            Helper("Pushforward of <see cref=\"" + model.SolverCref + "\"/> by the implicit function theorem: solves once, then (∂F/∂x)ẋ = −(∂F/∂θ)θ̇ for the solution's tangent (an empty tangent span is zero). Called by generated derivative code.");
            writer.Open(modifiers + " void " + solve + "__Pushforward(" + parameters + ")");
            writer.Line(solve + "(" + initialPoint + ThetaArguments + ", " + solution + ");");
            writer.Line("int " + n + " = " + solution + ".Length;");
            writer.Open("if (" + solutionTangent + ".Length != " + n + ")");
            writer.Line(Support + "ThrowLengthMismatch(nameof(" + solutionTangent + "), nameof(" + solution + "), " + n + ", " + solutionTangent + ".Length);");
            writer.Close();
            writer.Line();
            CheckLengths(tangents);
            var point = names.Fresh("point");
            writer.Line("double[] " + point + " = " + solution + ".ToArray();");
            var b = names.Fresh("rightHandSide");
            writer.Line("double[] " + b + " = new double[" + n + "];");
            writer.Line(model.Solver + "__ConditionThetaJvp(" + point + ThetaArguments + string.Concat(Slots.Select(t => ", " + tangents[t.Name])) + ", " + b + ");");
            Negate(b, b + ".Length");
            var captured = WriteCopies();
            WriteOperators(captured, point, out var jacobian, out var transposed);
            writer.Line(SystemField + ".Solve(" + jacobian + ", " + transposed + ", " + b + ", " + solutionTangent + ");");
            writer.Close();
            writer.Line();
        }

        private void WriteSecondOrder()
        {
            // The same parameters as every pushforward of a pullback: the pullback's, then a tangent for each double, span and ref.
            var pullback = new List<(string Modifier, string Type, string Name)> { (string.Empty, ReadOnlySpan, initialPoint) };
            pullback.AddRange(model.Theta.Select(t => (string.Empty, t.Type, t.Name)));
            pullback.Add((string.Empty, ReadOnlySpan, solution));
            pullback.AddRange(Slots.Select(t => t.IsVector ? (string.Empty, Span, adjoints[t.Name]) : ("ref ", "double", adjoints[t.Name])));
            pullback.Add((string.Empty, Span, solutionAdjoint));
            var all = SecondOrderSignature.Parameters(pullback.Select(p => p.Modifier + p.Type + " " + p.Name).ToList(), names, "Tangent2");

            Helper("Second-order derivatives through <see cref=\"" + model.SolverCref + "\"/> are not supported: always throws <see cref=\"global::System.NotSupportedException\"/>. Called by generated Hessian-vector products of callers.");
            writer.Open(modifiers + " void " + solve + "__Pullback__Pushforward(" + string.Join(", ", all) + ")");
            writer.Line("throw new global::System.NotSupportedException(\"Second-order derivatives (Hessian-vector products) through the [ImplicitDiff] solver '" + model.Solver + "' are not supported: the implicit rule gives first derivatives only.\");");
            writer.Close();
            writer.Line();
        }

        /// <summary>Step size η of the fixed-point map x = C(x − η∇f(x, θ)) whose root condition is differentiated.</summary>
        private const string StepSize = "1.0";

        private string Slice(string array) => "global::System.MemoryExtensions.AsSpan(" + array + ", 0, " + n + ")";

        private void Return(params string[] arrays)
        {
            foreach (var array in arrays)
            {
                writer.Line(Support + "ReturnRented(" + array + ");");
            }
        }

        /// <summary>Declares z = x − η∇ₓf(x, θ) (pooled) with one pullback of the objective; returns its name.</summary>
        private string StepPoint()
        {
            var z = names.Fresh("stepPoint");
            writer.Line("double[] " + z + " = " + Support + "RentZeroed(" + n + ");");
            var arguments = new List<string> { x };
            arguments.AddRange(model.Theta.Select(t => t.Name));
            arguments.Add("1.0");
            arguments.Add(Slice(z));
            foreach (var t in model.Theta.Where(t => t.IsDifferentiable))
            {
                if (t.IsVector)
                {
                    arguments.Add("default");
                }
                else
                {
                    var s = names.Fresh(t.Name.TrimStart('@') + "Unused");
                    writer.Line("double " + s + " = 0.0;");
                    arguments.Add("ref " + s);
                }
            }

            writer.Line(model.Primary + "__Pullback(" + string.Join(", ", arguments) + ");");
            writer.Line("for (int " + I + " = 0; " + I + " < " + n + "; " + I + "++) " + z + "[" + I + "] = " + x + "[" + I + "] - (" + StepSize + " * " + z + "[" + I + "]);");
            return z;
        }

        /// <summary>The arguments of the projection/proximal operator before its output: z, [η], [θ…].</summary>
        private List<string> ConstraintArguments(string z)
        {
            var arguments = new List<string> { Slice(z) };
            if (model.Kind == ConditionKind.Proximal)
            {
                arguments.Add(StepSize);
            }

            if (model.ConstraintTakesTheta)
            {
                arguments.AddRange(model.Theta.Select(t => t.Name));
            }

            return arguments;
        }

        /// <summary>C's pushforward at z along (zTangent, θ̇), the output tangent into result.</summary>
        private void ConstraintPushforward(string z, string zTangent, Dictionary<string, string>? thetaTangents, string resultSpan)
        {
            var output = names.Fresh("output");
            writer.Line("double[] " + output + " = " + Support + "RentZeroed(" + n + ");");
            writer.Line(resultSpan + ".Clear();");
            var arguments = ConstraintArguments(z);
            arguments.Add(Slice(output));
            arguments.Add(zTangent);
            if (model.Kind == ConditionKind.Proximal && model.StepIsDifferentiable)
            {
                arguments.Add("0.0");
            }

            if (model.ConstraintTakesTheta)
            {
                foreach (var t in model.Theta.Where(t => t.InConstraint))
                {
                    arguments.Add(thetaTangents is not null && t.HasSlot ? thetaTangents[t.Name] : t.IsVector ? "default" : "0.0");
                }
            }

            arguments.Add(resultSpan);
            writer.Line(model.Constraint + "__Pushforward(" + string.Join(", ", arguments) + ");");
            Return(output);
        }

        /// <summary>C's pullback at z with output cotangent ±cotangent: z's adjoint into zAdjoint, θ's accumulated.</summary>
        private void ConstraintPullback(string z, string cotangent, bool negate, string zAdjoint, Dictionary<string, string>? thetaAdjoints)
        {
            var output = names.Fresh("output");
            var copy = names.Fresh("cotangent");
            writer.Line("double[] " + output + " = " + Support + "RentZeroed(" + n + ");");
            writer.Line("double[] " + copy + " = " + Support + "RentCopy(" + cotangent + ");");
            if (negate)
            {
                Negate(copy, n);
            }

            var arguments = ConstraintArguments(z);
            arguments.Add(Slice(output));
            arguments.Add(zAdjoint);
            if (model.Kind == ConditionKind.Proximal && model.StepIsDifferentiable)
            {
                var s = names.Fresh("stepSizeAdjoint");
                writer.Line("double " + s + " = 0.0;");
                arguments.Add("ref " + s);
            }

            if (model.ConstraintTakesTheta)
            {
                foreach (var t in model.Theta.Where(t => t.InConstraint))
                {
                    if (thetaAdjoints is not null && t.HasSlot)
                    {
                        arguments.Add(t.IsVector ? thetaAdjoints[t.Name] : "ref " + thetaAdjoints[t.Name]);
                    }
                    else if (t.IsVector)
                    {
                        arguments.Add("default");
                    }
                    else
                    {
                        var s = names.Fresh(t.Name.TrimStart('@') + "Unused");
                        writer.Line("double " + s + " = 0.0;");
                        arguments.Add("ref " + s);
                    }
                }
            }

            arguments.Add(Slice(copy));
            writer.Line(model.Constraint + "__Pullback(" + string.Join(", ", arguments) + ");");
            Return(output, copy);
        }

        /// <summary><c>for (…) a[i] = -a[i];</c> over the first <paramref name="length"/> elements.</summary>
        private void Negate(string array, string length)
        {
            var i = names.Fresh("i");
            writer.Open("for (int " + i + " = 0; " + i + " < " + length + "; " + i + "++)");
            writer.Line(array + "[" + i + "] = -" + array + "[" + i + "];");
            writer.Close();
            writer.Line();
        }

        /// <summary><c>result[i] = v[i] − result[i]</c>: the condition x − T(x, θ) from the map's product.</summary>
        private void SubtractFrom(string minuend, string target)
        {
            var i = names.Fresh("i");
            writer.Open("for (int " + i + " = 0; " + i + " < " + target + ".Length; " + i + "++)");
            writer.Line(target + "[" + i + "] = " + minuend + "[" + i + "] - " + target + "[" + i + "];");
            writer.Close();
            writer.Line();
        }

        // ---- products of the condition F(x, θ) -------------------------------------------------------------------------

        private string PointParameter => "double[] " + x + ThetaParameters;

        private void Open(string name, string extraParameters, string summary)
        {
            writer.Line("/// <summary>" + summary + "</summary>");
            writer.Line(SourceFileWriter.GeneratedCodeAttribute);
            writer.Open(privateModifiers + " void " + model.Solver + "__" + name + "(" + PointParameter + extraParameters + ")");
        }

        private void WriteConditionJvp()
        {
            Open("ConditionJvp", ", " + ReadOnlySpan + " " + v + ", " + Span + " " + result, "Writes (∂F/∂x)·v for the optimality condition F of <see cref=\"" + model.SolverCref + "\"/>.");
            writer.Line("int " + n + " = " + x + ".Length;");
            switch (model.Kind)
            {
                case ConditionKind.Gradient:
                    HessianProduct(v, result, thetaAdjointTangents: null, thetaTangents: null);
                    break;
                case ConditionKind.Projected or ConditionKind.Proximal:
                {
                    // F = x − C(z), z = x − η∇f: (∂F/∂x)v = v − C_z(v − ηHv).
                    var z = StepPoint();
                    var zTangent = names.Fresh("stepTangent");
                    writer.Line("double[] " + zTangent + " = " + Support + "RentZeroed(" + n + ");");
                    HessianProduct(v, Slice(zTangent), thetaAdjointTangents: null, thetaTangents: null);
                    writer.Line("for (int " + I + " = 0; " + I + " < " + n + "; " + I + "++) " + zTangent + "[" + I + "] = " + v + "[" + I + "] - (" + StepSize + " * " + zTangent + "[" + I + "]);");
                    ConstraintPushforward(z, Slice(zTangent), null, result);
                    SubtractFrom(v, result);
                    Return(z, zTangent);
                    break;
                }

                default:
                    ConditionPushforward(v, result, thetaTangents: null);
                    if (model.Kind == ConditionKind.FixedPoint)
                    {
                        SubtractFrom(v, result);
                    }

                    break;
            }

            writer.Close();
            writer.Line();
        }

        private void WriteConditionVjp()
        {
            Open("ConditionVjp", ", " + ReadOnlySpan + " " + v + ", " + Span + " " + result, "Writes (∂F/∂x)ᵀ·v for the optimality condition F of <see cref=\"" + model.SolverCref + "\"/>.");
            writer.Line("int " + n + " = " + x + ".Length;");
            switch (model.Kind)
            {
                case ConditionKind.Gradient:
                    HessianProduct(v, result, thetaAdjointTangents: null, thetaTangents: null);
                    break;
                case ConditionKind.Projected or ConditionKind.Proximal:
                {
                    // (∂F/∂x)ᵀv = v − a + ηHa with a = C_zᵀv.
                    var z = StepPoint();
                    var a = names.Fresh("stepAdjoint");
                    writer.Line("double[] " + a + " = " + Support + "RentZeroed(" + n + ");");
                    ConstraintPullback(z, v, negate: false, Slice(a), null);
                    HessianProduct(Slice(a), result, thetaAdjointTangents: null, thetaTangents: null);
                    writer.Line("for (int " + I + " = 0; " + I + " < " + n + "; " + I + "++) " + result + "[" + I + "] = " + v + "[" + I + "] - " + a + "[" + I + "] + (" + StepSize + " * " + result + "[" + I + "]);");
                    Return(z, a);
                    break;
                }

                default:
                    writer.Line(result + ".Clear();");
                    ConditionPullback(v, result, thetaAdjoints: null, negate: false);
                    if (model.Kind == ConditionKind.FixedPoint)
                    {
                        SubtractFrom(v, result);
                    }

                    break;
            }

            writer.Close();
            writer.Line();
        }

        private void WriteConditionThetaVjp()
        {
            var w = names.Fresh("w");
            Open("ConditionThetaVjp", ", " + ReadOnlySpan + " " + w + string.Concat(Slots.Select(t => t.IsVector ? ", " + Span + " " + adjoints[t.Name] : ", ref double " + adjoints[t.Name])),
                "Adds (∂F/∂θ)ᵀ·w to the parameters' adjoints, for the optimality condition F of <see cref=\"" + model.SolverCref + "\"/>.");
            writer.Line("int " + n + " = " + x + ".Length;");
            if (model.Kind == ConditionKind.Gradient)
            {
                HessianProduct(w, null, thetaAdjointTangents: adjoints, thetaTangents: null);
            }
            else if (model.Kind is ConditionKind.Projected or ConditionKind.Proximal)
            {
                // (∂F/∂θ)ᵀw = −(∂T/∂θ)ᵀw: C's pullback of −w gives C_θᵀ(−w) and a = C_zᵀ(−w); then z = x − η∇f adds
                // (∂∇f/∂θ)ᵀ(−ηa).
                var z = StepPoint();
                var a = names.Fresh("stepAdjoint");
                writer.Line("double[] " + a + " = " + Support + "RentZeroed(" + n + ");");
                ConstraintPullback(z, w, negate: true, Slice(a), adjoints);
                writer.Line("for (int " + I + " = 0; " + I + " < " + n + "; " + I + "++) " + a + "[" + I + "] = -" + StepSize + " * " + a + "[" + I + "];");
                HessianProduct(Slice(a), null, thetaAdjointTangents: adjoints, thetaTangents: null);
                Return(z, a);
            }
            else
            {
                ConditionPullback(w, null, thetaAdjoints: adjoints, negate: model.Kind == ConditionKind.FixedPoint);
            }

            writer.Close();
            writer.Line();
        }

        private void WriteConditionThetaJvp()
        {
            Open("ConditionThetaJvp", string.Concat(Slots.Select(t => t.IsVector ? ", " + ReadOnlySpan + " " + tangents[t.Name] : ", double " + tangents[t.Name])) + ", " + Span + " " + result,
                "Writes (∂F/∂θ)·θ̇ for the optimality condition F of <see cref=\"" + model.SolverCref + "\"/>.");
            writer.Line("int " + n + " = " + x + ".Length;");
            if (model.Kind == ConditionKind.Gradient)
            {
                HessianProduct(null, result, thetaAdjointTangents: null, thetaTangents: tangents);
            }
            else if (model.Kind is ConditionKind.Projected or ConditionKind.Proximal)
            {
                // (∂F/∂θ)θ̇ = −(C_z ż + C_θ θ̇) with ż = −η(∂∇f/∂θ)θ̇.
                var z = StepPoint();
                var zTangent = names.Fresh("stepTangent");
                writer.Line("double[] " + zTangent + " = " + Support + "RentZeroed(" + n + ");");
                HessianProduct(null, Slice(zTangent), thetaAdjointTangents: null, thetaTangents: tangents);
                writer.Line("for (int " + I + " = 0; " + I + " < " + n + "; " + I + "++) " + zTangent + "[" + I + "] = -" + StepSize + " * " + zTangent + "[" + I + "];");
                ConstraintPushforward(z, Slice(zTangent), tangents, result);
                Negate(result, result + ".Length");
                Return(z, zTangent);
            }
            else
            {
                ConditionPushforward(null, result, thetaTangents: tangents);
                if (model.Kind == ConditionKind.FixedPoint)
                {
                    Negate(result, result + ".Length");
                }
            }

            writer.Close();
            writer.Line();
        }

        /// <summary>
        /// One call of the objective's <c>f__Pullback__Pushforward</c> at x with seed 1: the tangent of ∇ₓf along (direction, θ̇)
        /// goes to <paramref name="gradientTangent"/> (H·direction + (∂∇ₓf/∂θ)·θ̇), and, along the direction only, the tangents
        /// of the θ adjoints are (∂∇ₓf/∂θ)ᵀ·direction (symmetry of second derivatives).
        /// </summary>
        private void HessianProduct(string? direction, string? gradientTangent, Dictionary<string, string>? thetaAdjointTangents, Dictionary<string, string>? thetaTangents)
        {
            if (direction is not null && gradientTangent is not null && thetaAdjointTangents is null && thetaTangents is null)
            {
                // H·v alone (every product of the linear solve): the [Optimize] solver's own Hessian-vector product, which
                // differentiates in x only, is about half the work of the full pushforward of the pullback.
                writer.Line(OptimizeEmitter.HessianVectorProductName(model.Solver) + "(" + x + ThetaArguments + ", " + direction + ", " + gradientTangent + ");");
                return;
            }

            var gradient = names.Fresh("gradient");
            var rented = new List<string> { gradient };
            writer.Line("double[] " + gradient + " = " + Support + "RentZeroed(" + n + ");");
            string target;
            if (gradientTangent is null)
            {
                target = names.Fresh("gradientTangent");
                rented.Add(target);
                writer.Line("double[] " + target + " = " + Support + "RentZeroed(" + n + ");");
                target = "global::System.MemoryExtensions.AsSpan(" + target + ", 0, " + n + ")";
            }
            else
            {
                target = gradientTangent;
                writer.Line(gradientTangent + ".Clear();");
            }

            var adjointArguments = new List<string>();
            var adjointTangentArguments = new List<string>();
            var tangentArguments = new List<string>();
            foreach (var t in model.Theta)
            {
                var wantsAdjointTangent = thetaAdjointTangents is not null && t.HasSlot;
                if (t.IsDifferentiable)
                {
                    if (t.IsVector)
                    {
                        if (wantsAdjointTangent)
                        {
                            // Both spans non-empty, so the accumulation of the tangent is not skipped.
                            var s = scratch[t.Name];
                            writer.Line("double[]? " + s + " = " + thetaAdjointTangents![t.Name] + ".IsEmpty ? null : " + Support + "RentZeroed(" + t.Name + ".Length);");
                            adjointArguments.Add(s + " is null ? default : global::System.MemoryExtensions.AsSpan(" + s + ", 0, " + t.Name + ".Length)");
                            adjointTangentArguments.Add(thetaAdjointTangents[t.Name]);
                            rented.Add(s + "?");
                        }
                        else
                        {
                            adjointArguments.Add("default");
                            adjointTangentArguments.Add("default");
                        }
                    }
                    else
                    {
                        var s = scratch[t.Name];
                        writer.Line("double " + s + " = 0.0;");
                        adjointArguments.Add("ref " + s);
                        if (wantsAdjointTangent)
                        {
                            adjointTangentArguments.Add("ref " + thetaAdjointTangents![t.Name]);
                        }
                        else
                        {
                            var st = names.Fresh(s + "Tangent");
                            writer.Line("double " + st + " = 0.0;");
                            adjointTangentArguments.Add("ref " + st);
                        }
                    }
                }

                if (t.Kind == ThetaKind.Other)
                {
                    continue;
                }

                var hasTangent = thetaTangents is not null && t.HasSlot;
                tangentArguments.Add(hasTangent ? thetaTangents![t.Name] : t.IsVector ? "default" : "0.0");
            }

            var arguments = new List<string> { x };
            arguments.AddRange(model.Theta.Select(t => t.Name));
            arguments.Add("1.0");
            arguments.Add("global::System.MemoryExtensions.AsSpan(" + gradient + ", 0, " + n + ")");
            arguments.AddRange(adjointArguments);
            arguments.Add(direction ?? "default");
            arguments.AddRange(tangentArguments);
            arguments.Add("0.0");
            arguments.Add(target);
            arguments.AddRange(adjointTangentArguments);
            writer.Line(model.Primary + "__Pullback__Pushforward(" + string.Join(", ", arguments) + ");");
            foreach (var r in rented)
            {
                if (r.EndsWith("?", System.StringComparison.Ordinal))
                {
                    var name = r.TrimEnd('?');
                    writer.Open("if (" + name + " is not null)");
                    writer.Line(Support + "ReturnRented(" + name + ");");
                    writer.Close();
                    writer.Line();
                }
                else
                {
                    writer.Line(Support + "ReturnRented(" + r + ");");
                }
            }
        }

        /// <summary>The condition's (or fixed-point map's) pushforward at x along (direction, θ̇), its output tangent into result.</summary>
        private void ConditionPushforward(string? direction, string resultSpan, Dictionary<string, string>? thetaTangents)
        {
            var output = names.Fresh("output");
            writer.Line("double[] " + output + " = " + Support + "RentZeroed(" + n + ");");
            writer.Line(resultSpan + ".Clear();");
            var arguments = new List<string> { x };
            arguments.AddRange(model.Theta.Select(t => t.Name));
            arguments.Add("global::System.MemoryExtensions.AsSpan(" + output + ", 0, " + n + ")");
            arguments.Add(direction ?? "default");
            foreach (var t in model.Theta.Where(t => t.IsDifferentiable))
            {
                arguments.Add(thetaTangents is not null && t.HasSlot ? thetaTangents[t.Name] : t.IsVector ? "default" : "0.0");
            }

            arguments.Add(resultSpan);
            writer.Line(model.Primary + "__Pushforward(" + string.Join(", ", arguments) + ");");
            writer.Line(Support + "ReturnRented(" + output + ");");
        }

        /// <summary>The condition's (or map's) pullback at x with output cotangent ±cotangent; x's adjoint into xAdjoint, θ's accumulated.</summary>
        private void ConditionPullback(string cotangent, string? xAdjoint, Dictionary<string, string>? thetaAdjoints, bool negate)
        {
            var output = names.Fresh("output");
            var copy = names.Fresh("cotangent");
            writer.Line("double[] " + output + " = " + Support + "RentZeroed(" + n + ");");
            writer.Line("double[] " + copy + " = " + Support + "RentCopy(" + cotangent + ");");
            if (negate)
            {
                Negate(copy, n);
            }

            var arguments = new List<string> { x };
            arguments.AddRange(model.Theta.Select(t => t.Name));
            arguments.Add("global::System.MemoryExtensions.AsSpan(" + output + ", 0, " + n + ")");
            arguments.Add(xAdjoint ?? "default");
            foreach (var t in model.Theta.Where(t => t.IsDifferentiable))
            {
                if (thetaAdjoints is not null && t.HasSlot)
                {
                    arguments.Add(t.IsVector ? thetaAdjoints[t.Name] : "ref " + thetaAdjoints[t.Name]);
                }
                else if (t.IsVector)
                {
                    arguments.Add("default");
                }
                else
                {
                    var s = scratch[t.Name];
                    writer.Line("double " + s + " = 0.0;");
                    arguments.Add("ref " + s);
                }
            }

            arguments.Add("global::System.MemoryExtensions.AsSpan(" + copy + ", 0, " + n + ")");
            writer.Line(model.Primary + "__Pullback(" + string.Join(", ", arguments) + ");");
            writer.Line(Support + "ReturnRented(" + output + ");");
            writer.Line(Support + "ReturnRented(" + copy + ");");
        }
    }
}
