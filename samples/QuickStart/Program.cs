Console.WriteLine("DiffOpt QuickStart");
