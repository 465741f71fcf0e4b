using FraudLab.Testing;

// One local stack (in-process broker + dynalite) for every test of this assembly that asks for LocalStackFixture.
[assembly: AssemblyFixture(typeof(LocalStackFixture))]
