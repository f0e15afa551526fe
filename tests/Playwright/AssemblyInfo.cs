using Switchboard.BrowserTests.Rig;

[assembly: AssemblyFixture(typeof(PortalRig))]

// One portal and one browser serve every test; each test has its own browser context and its own people.
[assembly: Xunit.v3.Parallelization(MaxThreads = 1)]
