namespace Switchboard.Infrastructure.DemoData;

public sealed class DemoDataOptions
{
    public const string SectionName = "DemoData";

    /// <summary>Seed a fresh, empty database with demo data so that a newcomer sees every feature alive.</summary>
    public bool Enabled { get; set; }
}
