namespace DiffOpt.Generators.Tests.Robustness;

/// <summary>
/// Source the generator must survive: constructs outside the supported subset, odd signatures and containing
/// types, names that collide with what the generator emits, and malformed derivative declarations. Each case
/// is a set of type declarations; code that does not compile on its own is included on purpose.
/// </summary>
public static class UnsupportedCodeCases
{
    private const string StandardParameters = "double x, double y, double[] w, int n";

    public static IReadOnlyDictionary<string, string> All { get; } = Build();

    /// <summary>
    /// Cases inside the supported subset despite their odd shape: they must compile together with their
    /// generated code; the "body:" ones are also checked numerically.
    /// </summary>
    public static IReadOnlyList<string> Supported { get; } =
    [
        "body: checked", "body: double increment statement", "body: bool local", "body: int arithmetic", "body: sizeof",
        "body: default literal", "body: empty statements and blocks", "body: deeply parenthesized", "body: long sum",
        "body: many statements", "body: deep if nesting", "body: self recursion", "body: locals named like generated code",
        "body: shadowing locals in sibling scopes", "body: local assigned only in branches", "body: parameter reassigned in one branch",
        "body: early return in a nested else", "body: int index computed in a branch", "body: index chosen by ?:",
        "body: locals rewritten after a ?:", "body: one local updated in a row of ifs", "body: returns in nested ifs with a fall-through",
        "body: constant early return", "body: bool locals in conditions", "body: Math of Math through locals", "body: calls in conditions",
        "body: w read in one branch only", "body: chain of compound assignments", "body: same call twice with different arguments",
        "parameters named like generated code", "keyword-named parameters", "unicode identifiers", "overloads",
        "[Differentiable] partial method", "nested in a partial class", "struct", "readonly struct", "record", "record struct",
        "extension method", "[Differentiable] without derivative declarations",
    ];

    private static Dictionary<string, string> Build()
    {
        var cases = new Dictionary<string, string>();
        void Body(string name, string body, string extraMembers = "") =>
            cases.Add("body: " + name, Subject(
                $"[Differentiable] public static double F({StandardParameters}) {body}\n"
                + $"[Gradient(nameof(F))] public static partial double FGradient({StandardParameters}, out double dx, out double dy, Span<double> dw);\n"
                + $"[Jvp(nameof(F))] public static partial double FJvp({StandardParameters}, double dx, double dy, ReadOnlySpan<double> dw, out double dResult);\n"
                + extraMembers));
        void Types(string name, string types) => cases.Add(name, types);
        void Members(string name, string members) => cases.Add(name, Subject(members));
        void Declaration(string name, string declaration, string primal = $"[Differentiable] public static double F({StandardParameters}) => x * y + w[n];") =>
            cases.Add("declaration: " + name, Subject(primal + "\n" + declaration));

        // Statements and expressions outside the subset.
        Body("for loop", "{ double s = 0; for (int i = 0; i < n; i++) { s += w[i] * x; } return s; }");
        Body("while loop", "{ double s = x; while (s < 10) { s *= 2; } return s; }");
        Body("do loop", "{ double s = x; do { s *= 2; } while (s < y); return s; }");
        Body("foreach loop", "{ double s = 0; foreach (var v in w) { s += v; } return s; }");
        Body("try/catch", "{ try { return x / y; } catch (Exception) { return 0; } }");
        Body("try/finally", "{ try { return x / y; } finally { n++; } }");
        Body("throw statement", "{ if (x < 0) { throw new ArgumentException(\"x\"); } return x; }");
        Body("throw expression", "=> x > 0 ? x : throw new ArgumentException();");
        Body("switch statement", "{ switch (n) { case 0: return x; default: return y; } }");
        Body("switch expression", "=> n switch { 0 => x, _ => y };");
        Body("lambda", "{ Func<double, double> f = v => v * x; return f(y); }");
        Body("LINQ method", "=> w.Select(v => v * x).Sum();");
        Body("LINQ query", "=> (from v in w select v * x).Sum();");
        Body("object creation", "{ var r = new Random(1); return x * r.NextDouble(); }");
        Body("array creation", "{ var a = new double[] { x, y }; return a[0] * a[1]; }");
        Body("collection expression", "{ double[] a = [x, y]; return a[0] * a[1]; }");
        Body("stackalloc", "{ Span<double> s = stackalloc double[2]; s[0] = x; return s[0]; }");
        Body("local function", "{ double Sq(double v) => v * v; return Sq(x) + y; }");
        Body("static local function", "{ static double Sq(double v) => v * v; return Sq(x) + y; }");
        Body("goto", "{ if (x > 0) { goto done; } x = -x; done: return x; }");
        Body("Console call", "{ Console.WriteLine(x); return x; }");
        Body("unknown method", "=> Foo(x);");
        Body("unknown identifier", "=> x * z;");
        Body("type error", "{ string s = x; return y; }");
        Body("string local", "{ string s = \"a\" + x; return s.Length * y; }");
        Body("element write", "{ w[0] = x; return w[0] * y; }");
        Body("element compound write", "{ w[0] += x; return w[0]; }");
        Body("field write", "{ cache = x; return cache * y; }", "private static double cache;");
        Body("double remainder", "=> x % y;");
        Body("is pattern", "=> x is > 0 ? x : y;");
        Body("null coalescing", "{ double? a = null; return (a ?? x) * y; }");
        Body("default literal", "=> default(double) + x;");
        Body("nameof", "=> nameof(x).Length * x;");
        Body("sizeof", "=> sizeof(double) * x;");
        Body("tuple deconstruction", "{ var (a, b) = (x, y); return a * b; }");
        Body("index from end", "=> w[^1] * x;");
        Body("range", "=> w[1..].Length * x;");
        Body("checked", "=> checked(x * y + n);");
        Body("unchecked int", "=> unchecked((int)(x * 1e20)) * y;");
        Body("dynamic", "{ dynamic d = x; return d * y; }");
        Body("Math.Round with digits", "=> Math.Round(x, 2) * y;");
        Body("MathF", "=> MathF.Sin((float)x) * y;");
        Body("float local", "{ float f = (float)x; return f * y; }");
        Body("Math.Abs of int", "=> Math.Abs(n) * x;");
        Body("Math.Max of ints", "=> Math.Max(n, 2) * x;");
        Body("Math.Sign of int", "=> Math.Sign(n) * x;");
        Body("Math.BitDecrement", "=> Math.BitDecrement(x) * y;");
        Body("Math.IEEERemainder", "=> Math.IEEERemainder(x, y);");
        Body("Math.ScaleB", "=> Math.ScaleB(x, n);");
        Body("Math.SinCos", "=> Math.SinCos(x).Sin * y;");
        Body("self recursion", "=> n <= 0 ? x : F(x * y, y, w, n - 1);");
        Body("assignment inside an expression", "{ double a; double b = (a = x) * y; return b + a; }");
        Body("increment inside an expression", "{ int i = 0; return w[i++] * x; }");
        Body("double increment statement", "{ x++; --y; return x * y; }");
        Body("bool local", "{ bool b = x > y; return b ? x : y; }");
        Body("int arithmetic", "{ int k = n % 2; k *= 3; k /= 2; return k * x + n / 3; }");
        Body("char literal", "=> 'a' * x;");
        Body("long literal", "=> 3L * x;");
        Body("decimal cast", "=> (double)1.5m * x;");
        Body("string interpolation", "{ var s = $\"{x}\"; return y; }");
        Body("yield", "{ yield return x; }");
        Body("lock", "{ lock (typeof(object)) { return x; } }");
        Body("using statement", "{ using (var s = new System.IO.MemoryStream()) { return x; } }");
        Body("using declaration", "{ using var s = new System.IO.MemoryStream(); return x; }");
        Body("unsafe block", "{ unsafe { double* p = &x; return *p; } }");
        Body("return without value", "{ return; }");
        Body("empty body", "{ }");
        Body("only a semicolon", ";");
        Body("not all paths return", "{ if (x > 0) { return x; } }");
        Body("unreachable code after return", "{ return x; double z = y; }");
        Body("empty statements and blocks", "{ ; { } ;; { { return x * y; } } }");
        Body("deeply parenthesized", "=> ((((((((((((((((((((x)))))))))))))))))))) * y;");
        Body("long sum", "=> " + string.Join(" + ", Enumerable.Range(0, 300).Select(i => i % 2 == 0 ? "x" : "y * w[0]")) + ";");
        Body("many statements", "{ double s = x; " + string.Concat(Enumerable.Range(0, 200).Select(i => i % 3 == 0 ? "s += y * s; " : i % 3 == 1 ? "s = Math.Sin(s) * x; " : "if (s > y) { s -= x; } ")) + "return s; }");
        Body("deep if nesting", "{ double s = x; " + string.Concat(Enumerable.Range(0, 40).Select(i => "if (s > " + i + ") { s *= y; ")) + new string('}', 40) + " return s; }");
        Body("calls a method without derivative", "=> Helper(x) * y;", "private static double Helper(double v) => v * v;");
        Body("calls a [Differentiable] method with an unsupported body", "=> Bad(x) * y;", "[Differentiable] private static double Bad(double v) { for (int i = 0; i < 3; i++) { v *= 2; } return v; }");
        Body("calls a [Differentiable] method that calls an unsupported one", "=> Mid(x) * y;",
            "[Differentiable] private static double Mid(double v) => Bad(v) + v;\n[Differentiable] private static double Bad(double v) { while (v < 1) { v *= 2; } return v; }");
        Body("calls a [Differentiable] method with named arguments", "=> G(b: x, a: y);", "[Differentiable] private static double G(double a, double b) => a * b;");
        Body("calls a [Differentiable] method omitting an optional argument", "=> G(x);", "[Differentiable] private static double G(double a, double b = 2) => a * b;");
        Body("passes an array expression to a [Differentiable] method", "=> S(new double[] { x, y });", "[Differentiable] private static double S(double[] v) => v[0] * v[1];");
        Body("passes a span slice to a [Differentiable] method", "=> S(w.AsSpan(1));", "[Differentiable] private static double S(ReadOnlySpan<double> v) => v[0] * v[0];");
        Body("calls a generic [Differentiable] method", "=> G<int>(x);", "[Differentiable] private static double G<T>(double a) => a * a;");
        Body("calls a [Differentiable] method with a ref parameter", "=> G(ref x);", "[Differentiable] private static double G(ref double a) => a * a;");
        Body("calls a [Differentiable] method returning float", "=> G(x) * y;", "[Differentiable] private static float G(double a) => (float)a;");
        Body("calls a [Differentiable] method with a string parameter", "=> G(x, \"s\");", "[Differentiable] private static double G(double a, string s) => a * s.Length;");
        Body("calls an extension method", "=> x.Twice() * y;");
        Body("reads a property of another object", "=> Holder.Instance.Value * x;");
        Body("reads a string constant", "=> Name.Length * x;", "private const string Name = \"abc\";");
        Body("reads an enum", "=> (double)DayOfWeek.Monday * x;");
        Body("reads an indexer", "=> Holder.Instance[0] * x;");
        Body("calls Span methods", "=> w.AsSpan().IndexOf(x) * y;");
        Body("uses w as a whole", "{ double[] v = w; return v[0] * x; }");
        Body("locals named like generated code",
            "{ double value = x * y; double valueBar = value + x; double product1 = valueBar * w[0]; double sum1 = product1 + n; double xBar = sum1 * sum1; double branch1 = xBar; double resultAdjoint = branch1 * 2; return resultAdjoint + value; }");
        Body("shadowing locals in sibling scopes", "{ double r = 0; if (x > 0) { double t = x; r = t; } else { double t = y; r = t * t; } { double t = r; r = t * 3; } return r; }");

        // Supported but tricky for return normalization, SSA renaming and branch hoisting (checked numerically).
        Body("local assigned only in branches", "{ double r; if (x > 0) { r = x * y; } else { r = y; } return r * r; }");
        Body("parameter reassigned in one branch", "{ if (x > y) { x = x * x; y += x; } return x * y; }");
        Body("early return in a nested else", "{ double s = x; if (x > -5) { if (y > 10) { s = y; } else { s *= y; return s + x; } } return s; }");
        Body("int index computed in a branch", "{ int k = 0; if (x > 0) { k = n + 1; } return w[k] * x + w[k] * y; }");
        Body("index chosen by ?:", "=> w[x > 0 ? 2 : 0] * y + w[y > 0 ? n : 0];");
        Body("locals rewritten after a ?:", "{ double a = x; double b = y; double m = a > b ? a * b : b - a; a = m * 2; b = a + m; return a * b; }");
        Body("one local updated in a row of ifs", "{ double s = 0; if (x > 0) { s += x; } if (y > 0) { s += y; } if (s > 1) { s *= s; } else { s -= 1; } return s * w[0]; }");
        Body("returns in nested ifs with a fall-through", "{ if (x > 0) { if (y > 0) { return x * y; } } else { if (y < 0) { return x + y; } } return x - y * w[2]; }");
        Body("constant early return", "{ if (x > 100) { return 3; } return x * w[1]; }");
        Body("bool locals in conditions", "{ bool pos = x > 0; bool big = y > 1; if (pos && !big || !pos && big) { return x * y; } return pos ? x : y; }");
        Body("Math of Math through locals", "{ double a = Math.Sin(x); double b = Math.Exp(a * y); double c = Math.Log(b + 1); return Math.Pow(c, 2) + Math.Max(a, c) * Math.Min(b, 3); }");
        Body("calls in conditions", "{ if (G(x) > G(y)) { return G(x * y); } return G(x) - y; }", "[Differentiable] private static double G(double v) => v * v + Math.Sin(v);");
        Body("w read in one branch only", "{ if (x > 0) { return w[0] * w[1]; } return x; }");
        Body("chain of compound assignments", "{ double s = x; s += y; s *= s; s -= x * y; s /= 1 + y * y; s += w[0]; s *= w[1]; return s; }");
        Body("same call twice with different arguments", "=> G(x, y) * G(y, x) + G(w[0], w[n]);", "[Differentiable] private static double G(double a, double b) => a * Math.Exp(-b * b);");

        // Signatures outside the subset.
        Members("ref parameter", "[Differentiable] public static double F(ref double x) => x * x;");
        Members("out parameter", "[Differentiable] public static double F(double x, out double y) { y = x; return x * x; }");
        Members("in parameter", "[Differentiable] public static double F(in double x) => x * x;\n[Gradient(nameof(F))] public static partial double FGradient(in double x, out double dx);");
        Members("generic method", "[Differentiable] public static double F<T>(double x) => x * x;\n[Gradient(nameof(F))] public static partial double FGradient<T>(double x, out double dx);");
        Members("async method", "[Differentiable] public static async System.Threading.Tasks.Task<double> F(double x) { await System.Threading.Tasks.Task.Yield(); return x; }");
        Members("returns float", "[Differentiable] public static float F(float x) => x * x;\n[Gradient(nameof(F))] public static partial float FGradient(float x, out float dx);");
        Members("returns int", "[Differentiable] public static int F(double x) => (int)x;\n[Gradient(nameof(F))] public static partial int FGradient(double x, out double dx);");
        Members("returns void", "[Differentiable] public static void F(double x) { }\n[Gradient(nameof(F))] public static partial void FGradient(double x, out double dx);");
        Members("Span<double> parameter", "[Differentiable] public static double F(Span<double> x) => x[0];\n[Gradient(nameof(F))] public static partial double FGradient(Span<double> x, Span<double> dx);");
        Members("double[,] parameter", "[Differentiable] public static double F(double[,] x) => x[0, 0] * x[1, 1];\n[Gradient(nameof(F))] public static partial double FGradient(double[,] x, Span<double> dx);");
        Members("List<double> parameter", "[Differentiable] public static double F(List<double> x) => x[0];\n[Gradient(nameof(F))] public static partial double FGradient(List<double> x, Span<double> dx);");
        Members("nullable parameter", "[Differentiable] public static double F(double? x) => x ?? 0;\n[Gradient(nameof(F))] public static partial double FGradient(double? x, out double dx);");
        Members("params array", "[Differentiable] public static double F(params double[] x) => x[0] * x[1];\n[Gradient(nameof(F))] public static partial double FGradient(double[] x, Span<double> dx);");
        Members("optional parameter", "[Differentiable] public static double F(double x, double y = 2) => x * y;\n[Gradient(nameof(F))] public static partial double FGradient(double x, double y, out double dx, out double dy);");
        Members("parameters named like generated code",
            "[Differentiable] public static double F(double value, double valueBar, double resultAdjoint, double xAdjoint, double product1) => value * valueBar + resultAdjoint * xAdjoint - product1 * value;\n"
            + "[Gradient(nameof(F))] public static partial double FGradient(double value, double valueBar, double resultAdjoint, double xAdjoint, double product1, out double dValue, out double dValueBar, out double dResultAdjoint, out double dXAdjoint, out double dProduct1);\n"
            + "[Jvp(nameof(F))] public static partial double FJvp(double value, double valueBar, double resultAdjoint, double xAdjoint, double product1, double dValue, double dValueBar, double dResultAdjoint, double dXAdjoint, double dProduct1, out double dResult);");
        Members("keyword-named parameters",
            "[Differentiable] public static double F(double @double, double @return) { double @if = @double * @return; return @if + @double; }\n"
            + "[Gradient(nameof(F))] public static partial double FGradient(double @double, double @return, out double dDouble, out double dReturn);");
        Members("unicode identifiers",
            "[Differentiable] public static double F(double α, double β) { double γ = α * β; return Math.Sin(γ) + α; }\n[Gradient(nameof(F))] public static partial double FGradient(double α, double β, out double dα, out double dβ);");
        Members("a user method named like a generated helper",
            "[Differentiable] public static double F(double x) => x * x;\npublic static void F__Pullback(double x, double resultAdjoint, ref double xAdjoint) { }\n[Gradient(nameof(F))] public static partial double FGradient(double x, out double dx);");
        Members("overloads",
            "[Differentiable] public static double F(double x) => x * x;\n[Differentiable] public static double F(double x, double y) => x * y;\n"
            + "[Gradient(nameof(F))] public static partial double FGradient(double x, out double dx);\n[Gradient(nameof(F))] public static partial double FGradient(double x, double y, out double dx, out double dy);\n"
            + "[Differentiable] public static double G(double x) => F(x) + F(x, x);\n[Gradient(nameof(G))] public static partial double GGradient(double x, out double dx);");
        Members("duplicate [Differentiable] method (mid-edit)", "[Differentiable] public static double F(double x) => x * x;\n[Differentiable] public static double F(double x) => 2 * x;");
        Members("duplicate [Gradient] declaration (mid-edit)",
            "[Differentiable] public static double F(double x) => x * x;\n[Gradient(nameof(F))] public static partial double FGradient(double x, out double dx);\n[Gradient(nameof(F))] public static partial double FGradient(double x, out double dx);");
        Members("duplicate parameter names (mid-edit)",
            "[Differentiable] public static double F(double x, double x, double y) => y * y;");
        Members("[Differentiable] with an extern body", "[Differentiable] public static extern double F(double x);");
        Members("[Differentiable] partial method",
            "[Differentiable] public static partial double F(double x);\npublic static partial double F(double x) => x * x;\n[Gradient(nameof(F))] public static partial double FGradient(double x, out double dx);");
        Members("[Differentiable] on a partial definition without implementation", "[Differentiable] public static partial double F(double x);\n[Gradient(nameof(F))] public static partial double FGradient(double x, out double dx);");

        // Containing types.
        Types("non-partial class", "public static class Plain { [Differentiable] public static double F(double x) => x * x; [Gradient(nameof(F))] public static partial double FGradient(double x, out double dx); }");
        Types("generic class", "public static partial class Gen<T> { [Differentiable] public static double F(double x) => x * x; [Gradient(nameof(F))] public static partial double FGradient(double x, out double dx); }");
        Types("nested in a partial class", "public static partial class Outer { public static partial class Inner { [Differentiable] public static double F(double x) => x * x; [Gradient(nameof(F))] public static partial double FGradient(double x, out double dx); } }");
        Types("nested in a non-partial class", "public static class Outer2 { public static partial class Inner { [Differentiable] public static double F(double x) => x * x; [Gradient(nameof(F))] public static partial double FGradient(double x, out double dx); } }");
        Types("struct", "public partial struct S { [Differentiable] public double F(double x) => x * x; [Gradient(nameof(F))] public partial double FGradient(double x, out double dx); }");
        Types("readonly struct", "public readonly partial struct S { private readonly double k; [Differentiable] public double F(double x) => k * x * x; [Gradient(nameof(F))] public partial double FGradient(double x, out double dx); }");
        Types("record", "public partial record R(double K) { [Differentiable] public double F(double x) => K * x; [Gradient(nameof(F))] public partial double FGradient(double x, out double dx); }");
        Types("record struct", "public partial record struct R(double K) { [Differentiable] public double F(double x) => K * x; [Gradient(nameof(F))] public partial double FGradient(double x, out double dx); }");
        Types("interface", "public partial interface I { [Differentiable] public static double F(double x) => x * x; [Gradient(nameof(F))] public static partial double FGradient(double x, out double dx); }");
        Types("file-local class", "file static partial class FileLocal { [Differentiable] public static double F(double x) => x * x; [Gradient(nameof(F))] public static partial double FGradient(double x, out double dx); }");
        Types("virtual method", "public partial class Base { [Differentiable] public virtual double F(double x) => x * x; [Gradient(nameof(F))] public partial double FGradient(double x, out double dx); [Differentiable] public double G(double x) => F(x) * 2; [Gradient(nameof(G))] public partial double GGradient(double x, out double dx); }");
        Types("abstract method", "public abstract partial class A { [Differentiable] public abstract double F(double x); [Gradient(nameof(F))] public partial double FGradient(double x, out double dx); }");
        Types("instance call on another object", "public partial class P { [Differentiable] public double F(double x) => x * x; [Differentiable] public double G(double x, P other) => other.F(x); [Differentiable] public double H(double x) => new P().F(x); }");
        Types("instance method called from a static one", "public partial class Q { [Differentiable] public double F(double x) => x * x; [Differentiable] public static double G(double x) => F(x); [Gradient(nameof(G))] public static partial double GGradient(double x, out double dx); }");
        Types("extension method", "public static partial class Ext { [Differentiable] public static double Twice(this double x) => 2 * x; [Gradient(nameof(Twice))] public static partial double TwiceGradient(double x, out double dx); }");
        Types("[Differentiable] without derivative declarations", "public static partial class NoDeclarations { [Differentiable] public static double F(double x) => x * x; }");

        // Malformed derivative declarations.
        Declaration("misnamed derivative parameter", "[Gradient(nameof(F))] public static partial double FGradient(" + StandardParameters + ", out double gx);");
        Declaration("gradient parameter not out", "[Gradient(nameof(F))] public static partial double FGradient(" + StandardParameters + ", double dx);");
        Declaration("gradient parameter by ref", "[Gradient(nameof(F))] public static partial double FGradient(" + StandardParameters + ", ref double dx);");
        Declaration("span for a scalar", "[Gradient(nameof(F))] public static partial double FGradient(" + StandardParameters + ", Span<double> dx);");
        Declaration("array for a vector gradient", "[Gradient(nameof(F))] public static partial double FGradient(" + StandardParameters + ", double[] dw);");
        Declaration("read-only span for a vector gradient", "[Gradient(nameof(F))] public static partial double FGradient(" + StandardParameters + ", ReadOnlySpan<double> dw);");
        Declaration("missing primal parameters", "[Gradient(nameof(F))] public static partial double FGradient(double x, out double dx);");
        Declaration("primal parameters reordered", "[Gradient(nameof(F))] public static partial double FGradient(double y, double x, double[] w, int n, out double dx);");
        Declaration("primal parameter renamed", "[Gradient(nameof(F))] public static partial double FGradient(double a, double y, double[] w, int n, out double da);");
        Declaration("derivative parameters out of order", "[Gradient(nameof(F))] public static partial double FGradient(" + StandardParameters + ", out double dy, out double dx);");
        Declaration("duplicate derivative parameter", "[Gradient(nameof(F))] public static partial double FGradient(" + StandardParameters + ", out double dx, out double dx);");
        Declaration("derivative of an int parameter", "[Gradient(nameof(F))] public static partial double FGradient(" + StandardParameters + ", out double dn);");
        Declaration("no derivative parameter", "[Gradient(nameof(F))] public static partial double FGradient(" + StandardParameters + ");");
        Declaration("extra trailing parameter", "[Gradient(nameof(F))] public static partial double FGradient(" + StandardParameters + ", out double dx, int extra);");
        Declaration("not partial", "[Gradient(nameof(F))] public static double FGradient(" + StandardParameters + ", out double dx) { dx = 0; return 0; }");
        Declaration("partial with a user implementation",
            "[Gradient(nameof(F))] public static partial double FGradient(" + StandardParameters + ", out double dx);\npublic static partial double FGradient(" + StandardParameters + ", out double dx) { dx = 0; return 0; }");
        Declaration("unknown target", "[Gradient(\"Nope\")] public static partial double FGradient(" + StandardParameters + ", out double dx);");
        Declaration("empty target", "[Gradient(\"\")] public static partial double FGradient(" + StandardParameters + ", out double dx);");
        Declaration("null target", "[Gradient(null!)] public static partial double FGradient(" + StandardParameters + ", out double dx);");
        Declaration("no target argument", "[Gradient] public static partial double FGradient(" + StandardParameters + ", out double dx);");
        Declaration("int target argument", "[Gradient(42)] public static partial double FGradient(" + StandardParameters + ", out double dx);");
        Declaration("target is not differentiable", "[Gradient(nameof(Plain))] public static partial double FGradient(double x, out double dx);\npublic static double Plain(double x) => x;");
        Declaration("target is a property", "[Gradient(nameof(P))] public static partial double FGradient(double x, out double dx);\npublic static double P => 1;");
        Declaration("target in another type", "[Gradient(nameof(Control.Ok))] public static partial double FGradient(double x, out double dx);");
        Declaration("target is the declaration itself", "[Gradient(nameof(FGradient))] public static partial double FGradient(double x, out double dx);");
        Declaration("instance declaration for a static primal", "[Gradient(nameof(F))] public partial double FGradient(" + StandardParameters + ", out double dx);");
        Declaration("int return type", "[Gradient(nameof(F))] public static partial int FGradient(" + StandardParameters + ", out double dx);");
        Declaration("generic declaration", "[Gradient(nameof(F))] public static partial double FGradient<T>(" + StandardParameters + ", out double dx);");
        Declaration("no accessibility", "[Gradient(nameof(F))] static partial double FGradient(" + StandardParameters + ", out double dx);");
        Declaration("two attributes on one declaration", "[Gradient(nameof(F)), Jvp(nameof(F))] public static partial double FGradient(" + StandardParameters + ", out double dx);");
        Declaration("gradient on the primal itself", "[Gradient(nameof(F))] public static partial double FGradient(" + StandardParameters + ", out double dx);",
            "[Differentiable, Gradient(nameof(F))] public static double F(" + StandardParameters + ") => x * y + w[n];");
        Declaration("jvp without result tangent", "[Jvp(nameof(F))] public static partial double FJvp(" + StandardParameters + ", double dx);");
        Declaration("jvp result tangent not out", "[Jvp(nameof(F))] public static partial double FJvp(" + StandardParameters + ", double dx, double dResult);");
        Declaration("jvp result tangent float", "[Jvp(nameof(F))] public static partial double FJvp(" + StandardParameters + ", double dx, out float dResult);");
        Declaration("jvp result tangent first", "[Jvp(nameof(F))] public static partial double FJvp(" + StandardParameters + ", out double dResult, double dx);");
        Declaration("jvp tangent as out", "[Jvp(nameof(F))] public static partial double FJvp(" + StandardParameters + ", out double dx, out double dResult);");
        Declaration("jvp tangent span for an array", "[Jvp(nameof(F))] public static partial double FJvp(" + StandardParameters + ", Span<double> dw, out double dResult);");
        Declaration("jvp only result tangent", "[Jvp(nameof(F))] public static partial double FJvp(" + StandardParameters + ", out double dResult);");
        Declaration("declaration in a non-partial type", string.Empty,
            "[Differentiable] public static double F(double x) => x;\n} public static class NotPartial { [Gradient(\"F\")] public static partial double FGradient(double x, out double dx);");
        return cases;
    }

    /// <summary>The members inside <c>public static partial class Subject</c>.</summary>
    private static string Subject(string members) => "public static partial class Subject\n{\n" + members + "\n}";

    /// <summary>A compilation unit: usings, the case's types, helpers some cases refer to, and a control function.</summary>
    public static string CompilationUnit(string types) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using DiffOpt;

        namespace Robustness;

        {{types}}

        public static class Extensions
        {
            public static double Twice(this double x) => 2 * x;
        }

        public sealed class Holder
        {
            public static Holder Instance { get; } = new();

            public double Value => 2;

            public double this[int i] => i;
        }

        public static partial class Control
        {
            [Differentiable] public static double Ok(double x) => x * x;

            [Gradient(nameof(Ok))] public static partial double OkGradient(double x, out double dx);
        }
        """;
}
