using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Migrations
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

            // The delivery log's recipient filter is a prefix in any case (LIKE 'x%'): SQLite reads it off an index only when
            // the index compares without case. Not part of the model (EF cannot declare an index's collation for SQLite),
            // so made here; PostgreSQL's ILIKE has no such index.
            migrationBuilder.Sql("""CREATE INDEX "IX_OutboxMessages_RecipientEmail_NoCase" ON "OutboxMessages" ("RecipientEmail" COLLATE NOCASE, "Id");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_OutboxMessages_RecipientEmail_NoCase";""");

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
