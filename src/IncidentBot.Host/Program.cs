Console.WriteLine("skeleton");
public partial class Program;
