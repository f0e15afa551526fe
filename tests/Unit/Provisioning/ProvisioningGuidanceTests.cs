using Switchboard.Domain.Provisioning;

namespace Switchboard.UnitTests.Provisioning;

public sealed class ProvisioningGuidanceTests
{
    [Theory]
    [InlineData(409, "GoogleAccountAlreadyRegisteredInGram", GuidanceCase.RegisteredInGram)]
    [InlineData(400, "GoogleAccountAlreadyRegisteredInGrAM", GuidanceCase.RegisteredInGram)]
    [InlineData(409, "GoogleAccountAlreadyExists", GuidanceCase.AddressTaken)]
    [InlineData(400, "ExistingGoogleAccount", GuidanceCase.AddressTaken)]
    [InlineData(400, "NotExistingGoogleAccount", GuidanceCase.NoGoogleAccount)]
    [InlineData(422, "InvalidPayload", GuidanceCase.InvalidPayload)]
    [InlineData(422, null, GuidanceCase.InvalidPayload)]
    [InlineData(500, "InternalError", GuidanceCase.InternalError)]
    [InlineData(500, null, GuidanceCase.InternalError)]
    public void BothFamiliesOfCodes_GetTheirGuidance(int status, string? name, GuidanceCase expected) =>
        Assert.Equal(expected, ProvisioningGuidance.For(EnvelopeKind.Failure, EnvelopeState.Failed, status, name)?.Case);

    [Fact]
    public void UnknownError_HasNoGuidance() => Assert.Null(ProvisioningGuidance.For(EnvelopeKind.Failure, EnvelopeState.Failed, 418, "Teapot"));

    [Fact]
    public void RegisteredInGram_TellsTheSupportMemberWhatToCheck() =>
        Assert.Contains("checks that this Google account belongs to this person",
            ProvisioningGuidance.For(EnvelopeKind.Failure, EnvelopeState.Failed, 409, "GoogleAccountAlreadyRegisteredInGram")!.Text, StringComparison.Ordinal);

    [Fact]
    public void RetryingAndUnreadable_ComeBeforeTheErrorName()
    {
        Assert.Equal(GuidanceCase.Retrying, ProvisioningGuidance.For(EnvelopeKind.Failure, EnvelopeState.Retrying, 503, "InternalError")!.Case);
        Assert.Equal(GuidanceCase.Unreadable, ProvisioningGuidance.For(EnvelopeKind.Unreadable, EnvelopeState.Failed, null, null)!.Case);
    }
}
