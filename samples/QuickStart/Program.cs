// DiffOpt quick start.
//
// 1. Write an ordinary C# method and mark it [Differentiable] (see Valley at the bottom of this file).
// 2. Declare, as partial methods, the derivatives you want: a [Gradient] (reverse mode) and a [Jvp]
//    (forward mode). The DiffOpt source generator writes their bodies at compile time.
// 3. Call them like any other method. This program checks them against central finite differences and
//    then minimises the function with gradient descent.
//
// Run it with:  dotnet run --project samples/QuickStart -c Release

using System.Globalization;
using DiffOpt;

// Print numbers the same way on every machine.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// `steepness` is an input of Valley that we do not differentiate: the [Gradient] and [Jvp] declarations
// below have no `dSteepness` parameter, so the generated code treats it as a constant.
const double steepness = 4.0;

Console.WriteLine("DiffOpt quick start");
Console.WriteLine("f(x, y) = (1 - x)^2 + steepness * huber(y - x^2), steepness = 4, minimum f(1, 1) = 0");
Console.WriteLine();

// ---------------------------------------------------------------------------------------------------
// Part 1: the generated gradient and JVP next to central finite differences, at one point on each side
// of the branch in Valley.
// ---------------------------------------------------------------------------------------------------
CompareWithFiniteDifferences(-1.2, 1.0, "|y - x^2| <= 1: quadratic branch");
CompareWithFiniteDifferences(0.5, 2.0, "|y - x^2| > 1: linear branch");

// ---------------------------------------------------------------------------------------------------
// Part 2: gradient descent with a backtracking (Armijo) line search, Nocedal & Wright, "Numerical
// Optimization", 2nd ed., Algorithm 3.1. Each iteration calls the generated gradient once.
// ---------------------------------------------------------------------------------------------------
Console.WriteLine("Gradient descent from (x, y) = (-1.2, 1) until |gradient| < 1e-6");
Console.WriteLine($"{"iteration",9}  {"f(x, y)",14}  {"|gradient|",10}");

double x = -1.2, y = 1.0;
double step = 1.0;
const int maxIterations = 2000;
const double tolerance = 1e-6;
int iteration = 0;
while (true)
{
    // One call gives the value and both partial derivatives.
    double value = Functions.ValleyGradient(x, y, steepness, out double dx, out double dy);
    double gradientNorm = Math.Sqrt(dx * dx + dy * dy);
    bool done = gradientNorm < tolerance || iteration == maxIterations;
    if (iteration % 25 == 0 || done)
    {
        Console.WriteLine($"{iteration,9}  {value,14:0.000000e+00}  {gradientNorm,10:0.00e+00}");
    }

    if (done)
    {
        break;
    }

    // Backtracking: start from twice the last accepted step, halve until the decrease is sufficient.
    step = Math.Min(1.0, 2 * step);
    while (Functions.Valley(x - step * dx, y - step * dy, steepness) > value - 0.5 * step * gradientNorm * gradientNorm)
    {
        step /= 2;
    }

    x -= step * dx;
    y -= step * dy;
    iteration++;
}

Console.WriteLine();
Console.WriteLine($"Final point after {iteration} iterations: (x, y) = ({x:G10}, {y:G10}), f = {Functions.Valley(x, y, steepness):0.000e+00}");
Console.WriteLine($"Distance to the minimum (1, 1): {Math.Sqrt((x - 1) * (x - 1) + (y - 1) * (y - 1)):0.00e+00}");

// Prints the generated derivatives at (x0, y0) next to central finite differences of Valley itself.
static void CompareWithFiniteDifferences(double x0, double y0, string label)
{
    // Reverse mode: the value and the whole gradient in one call.
    double value = Functions.ValleyGradient(x0, y0, steepness, out double dx, out double dy);

    // Forward mode: the derivative along one direction (vx, vy) in one call.
    const double vx = 0.6, vy = -0.8;
    Functions.ValleyJvp(x0, y0, steepness, vx, vy, out double directional);

    // Central differences f'(t) ≈ (f(t + h) - f(t - h)) / 2h along each direction; error O(h²).
    Func<double, double> alongX = t => Functions.Valley(x0 + t, y0, steepness);
    Func<double, double> alongY = t => Functions.Valley(x0, y0 + t, steepness);
    Func<double, double> alongV = t => Functions.Valley(x0 + t * vx, y0 + t * vy, steepness);

    Console.WriteLine($"At (x, y) = ({x0}, {y0}), {label}; f = {value:G15}");
    Console.WriteLine($"  {"derivative",-30}  {"generated",20}  {"finite difference",20}  {"|difference|",12}");
    PrintRow("df/dx   [Gradient]", dx, CentralDifference(alongX));
    PrintRow("df/dy   [Gradient]", dy, CentralDifference(alongY));
    PrintRow($"df.v    [Jvp] v = ({vx}, {vy})", directional, CentralDifference(alongV));
    Console.WriteLine();
}

static double CentralDifference(Func<double, double> f)
{
    // h ≈ cbrt(machine epsilon) balances truncation error (h²) against rounding error (eps / h).
    const double h = 6e-6;
    return (f(h) - f(-h)) / (2 * h);
}

static void PrintRow(string name, double generated, double finiteDifference) =>
    Console.WriteLine($"  {name,-30}  {generated,20:G15}  {finiteDifference,20:G15}  {Math.Abs(generated - finiteDifference),12:0.00e+00}");

/// <summary>The functions of this sample. The type is partial so that the generator can add code to it.</summary>
public static partial class Functions
{
    /// <summary>
    /// A Rosenbrock-like curved valley with its minimum, 0, at (1, 1). The distance across the valley floor is
    /// penalised with the Huber function: quadratic near the floor, linear far from it, so the gradient stays
    /// bounded. Ordinary C#: locals, Math calls, an if/else.
    /// </summary>
    [Differentiable]
    public static double Valley(double x, double y, double steepness)
    {
        double along = 1 - x;      // distance to the minimum along the valley
        double across = y - x * x; // distance across the curved floor y = x²

        double penalty;
        if (Math.Abs(across) <= 1)
        {
            penalty = 0.5 * across * across;
        }
        else
        {
            penalty = Math.Abs(across) - 0.5;
        }

        return Math.Pow(along, 2) + steepness * penalty;
    }

    // Reverse mode. Repeats Valley's parameters, then one `out double` per input to differentiate, named
    // d + the input's name. Returns f(x, y) and overwrites dx and dy with ∂f/∂x and ∂f/∂y.
    [Gradient(nameof(Valley))]
    public static partial double ValleyGradient(double x, double y, double steepness, out double dx, out double dy);

    // Forward mode. Repeats Valley's parameters, then one tangent per input (the direction), then the
    // directional derivative ∂f/∂x·dx + ∂f/∂y·dy as `out double dResult`. Returns f(x, y).
    [Jvp(nameof(Valley))]
    public static partial double ValleyJvp(double x, double y, double steepness, double dx, double dy, out double dResult);
}
