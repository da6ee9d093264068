namespace DiffOpt.Generators.Tests.CompileAndRun.Models;

/// <summary>Branches: ?:, if/else, early return in a branch, nested ifs, comparisons and &amp;&amp; || !.</summary>
public static partial class ControlFlowConstructs
{
    [Differentiable]
    public static double Conditional(double x, double y) => x > y ? x * x * y : (y - x) / (1 + x * x);

    [Gradient(nameof(Conditional))]
    public static partial double ConditionalGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(Conditional))]
    public static partial double ConditionalJvp(double x, double y, double dx, double dy, out double dResult);

    // ?: nested and used as an operand, with && || ! in conditions.
    [Differentiable]
    public static double NestedConditional(double x, double y)
    {
        double a = (x > 0 && y > 0) ? x * y : (x < -1 || !(y <= 2) ? x + y : x - y);
        return a * (x >= y ? Math.Sin(x) : Math.Cos(y)) + (x != y ? 1.0 : 0.0);
    }

    [Gradient(nameof(NestedConditional))]
    public static partial double NestedConditionalGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(NestedConditional))]
    public static partial double NestedConditionalJvp(double x, double y, double dx, double dy, out double dResult);

    [Differentiable]
    public static double IfElse(double x, double y)
    {
        double r;
        if (x * y > 1)
        {
            r = x * x;
            r += y;
        }
        else
        {
            r = y * y - x;
        }

        return r * x;
    }

    [Gradient(nameof(IfElse))]
    public static partial double IfElseGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(IfElse))]
    public static partial double IfElseJvp(double x, double y, double dx, double dy, out double dResult);

    // Early return from a branch; the fall-through code uses values assigned before the branch.
    [Differentiable]
    public static double EarlyReturn(double x, double y)
    {
        double s = x + 2 * y;
        if (s > 3)
        {
            s = s * s;
            return Math.Exp(-s) + x;
        }

        double t = s > 0 ? Math.Log(1 + s) : -s;
        t += x * y;
        return t * y;
    }

    [Gradient(nameof(EarlyReturn))]
    public static partial double EarlyReturnGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(EarlyReturn))]
    public static partial double EarlyReturnJvp(double x, double y, double dx, double dy, out double dResult);

    // Nested ifs, early returns at several depths, an if without else, every comparison operator.
    [Differentiable]
    public static double NestedIfs(double x, double y)
    {
        double acc = x * y;
        if (x < 0)
        {
            if (y <= 0)
            {
                return acc * acc;
            }
            else if (y >= 2)
            {
                acc -= y;
            }
            else
            {
                acc += x;
                if (x == -0.5)
                {
                    return 0;
                }
            }
        }
        else
        {
            if (!(y > 1) && x != 0)
            {
                acc *= x;
                return acc + y;
            }

            acc /= y;
        }

        if (acc > 10)
        {
            acc = 10 + Math.Log(acc - 9);
        }

        return acc - x;
    }

    [Gradient(nameof(NestedIfs))]
    public static partial double NestedIfsGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(NestedIfs))]
    public static partial double NestedIfsJvp(double x, double y, double dx, double dy, out double dResult);

    // Both branches return; the assignment before them is read in each.
    [Differentiable]
    public static double ReturnInBothBranches(double x, double y)
    {
        double z = x - y;
        if (z > 0 || x > 5)
        {
            return z * x;
        }
        else
        {
            return -z * y;
        }
    }

    [Gradient(nameof(ReturnInBothBranches))]
    public static partial double ReturnInBothBranchesGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(ReturnInBothBranches))]
    public static partial double ReturnInBothBranchesJvp(double x, double y, double dx, double dy, out double dResult);

    // A local declared in one branch with the same name as a local in a sibling branch.
    [Differentiable]
    public static double ScopedLocals(double x, double y)
    {
        double r = 0;
        if (x > y)
        {
            double t = x * 2;
            r = t * y;
        }
        else
        {
            double t = y * 3;
            r = t * x;
        }

        {
            double t = r + 1;
            r = t * t;
        }

        return r;
    }

    [Gradient(nameof(ScopedLocals))]
    public static partial double ScopedLocalsGradient(double x, double y, out double dx, out double dy);

    [Jvp(nameof(ScopedLocals))]
    public static partial double ScopedLocalsJvp(double x, double y, double dx, double dy, out double dResult);
}
