namespace DiffOpt.Tests;
public class SmokeTests { [Fact] public void AttributeExists() => Assert.Equal("F", new GradientAttribute("F").Function); }
