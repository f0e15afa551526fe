namespace Switchboard.ProvisioningSimulator;

public enum AnswerKind
{
    Success,
    Hardfail,
    Softfail,
    GiveUp,
}
