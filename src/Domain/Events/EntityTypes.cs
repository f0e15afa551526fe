namespace Switchboard.Domain.Events;

public static class EntityTypes
{
    public const string IdmIdentity = "IdmIdentity";
    public const string SysProvisioningOperation = "SysProvisioningOperation";

    public static IReadOnlyList<string> All { get; } = [IdmIdentity, SysProvisioningOperation];
}
