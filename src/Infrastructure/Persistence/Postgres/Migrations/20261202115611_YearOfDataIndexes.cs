using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class YearOfDataIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProvisioningEnvelopes_Email",
                table: "ProvisioningEnvelopes");

            migrationBuilder.DropIndex(
                name: "IX_ProvisioningEnvelopes_GoogleId",
                table: "ProvisioningEnvelopes");

            migrationBuilder.DropIndex(
                name: "IX_ProvisioningEnvelopes_GramAccountUuid",
                table: "ProvisioningEnvelopes");

            migrationBuilder.DropIndex(
                name: "IX_ListenerChecks_Deployment_At",
                table: "ListenerChecks");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningEnvelopes_Email_LastSeenAt_Id",
                table: "ProvisioningEnvelopes",
                columns: new[] { "Email", "LastSeenAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningEnvelopes_GoogleId_LastSeenAt_Id",
                table: "ProvisioningEnvelopes",
                columns: new[] { "GoogleId", "LastSeenAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningEnvelopes_GramAccountUuid_LastSeenAt_Id",
                table: "ProvisioningEnvelopes",
                columns: new[] { "GramAccountUuid", "LastSeenAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Status_Id",
                table: "OutboxMessages",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Status_Topic_Id",
                table: "OutboxMessages",
                columns: new[] { "Status", "Topic", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Topic_Id",
                table: "OutboxMessages",
                columns: new[] { "Topic", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ListenerChecks_Deployment_At_State_LatencyMilliseconds",
                table: "ListenerChecks",
                columns: new[] { "Deployment", "At", "State", "LatencyMilliseconds" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProvisioningEnvelopes_Email_LastSeenAt_Id",
                table: "ProvisioningEnvelopes");

            migrationBuilder.DropIndex(
                name: "IX_ProvisioningEnvelopes_GoogleId_LastSeenAt_Id",
                table: "ProvisioningEnvelopes");

            migrationBuilder.DropIndex(
                name: "IX_ProvisioningEnvelopes_GramAccountUuid_LastSeenAt_Id",
                table: "ProvisioningEnvelopes");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_Status_Id",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_Status_Topic_Id",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_Topic_Id",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_ListenerChecks_Deployment_At_State_LatencyMilliseconds",
                table: "ListenerChecks");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningEnvelopes_Email",
                table: "ProvisioningEnvelopes",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningEnvelopes_GoogleId",
                table: "ProvisioningEnvelopes",
                column: "GoogleId");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningEnvelopes_GramAccountUuid",
                table: "ProvisioningEnvelopes",
                column: "GramAccountUuid");

            migrationBuilder.CreateIndex(
                name: "IX_ListenerChecks_Deployment_At",
                table: "ListenerChecks",
                columns: new[] { "Deployment", "At" });
        }
    }
}
