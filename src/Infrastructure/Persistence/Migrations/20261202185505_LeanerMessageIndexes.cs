using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LeanerMessageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProvisioningMessages_CorrelationId",
                table: "ProvisioningMessages");

            migrationBuilder.DropIndex(
                name: "IX_ProvisioningMessages_EnvelopeId_Id",
                table: "ProvisioningMessages");

            migrationBuilder.DropIndex(
                name: "IX_ProvisioningMessages_GramAccountUuid_Outcome_ReceivedAt",
                table: "ProvisioningMessages");

            migrationBuilder.DropIndex(
                name: "IX_ProvisioningMessages_MessageId",
                table: "ProvisioningMessages");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningMessages_EnvelopeId_Id",
                table: "ProvisioningMessages",
                columns: new[] { "EnvelopeId", "Id" },
                filter: "\"EnvelopeId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningMessages_GramAccountUuid_Outcome_ReceivedAt",
                table: "ProvisioningMessages",
                columns: new[] { "GramAccountUuid", "Outcome", "ReceivedAt" },
                filter: "\"Outcome\" = 'Success'");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningMessages_MessageId",
                table: "ProvisioningMessages",
                column: "MessageId",
                filter: "\"Kind\" = 'Request'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProvisioningMessages_EnvelopeId_Id",
                table: "ProvisioningMessages");

            migrationBuilder.DropIndex(
                name: "IX_ProvisioningMessages_GramAccountUuid_Outcome_ReceivedAt",
                table: "ProvisioningMessages");

            migrationBuilder.DropIndex(
                name: "IX_ProvisioningMessages_MessageId",
                table: "ProvisioningMessages");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningMessages_CorrelationId",
                table: "ProvisioningMessages",
                column: "CorrelationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningMessages_EnvelopeId_Id",
                table: "ProvisioningMessages",
                columns: new[] { "EnvelopeId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningMessages_GramAccountUuid_Outcome_ReceivedAt",
                table: "ProvisioningMessages",
                columns: new[] { "GramAccountUuid", "Outcome", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningMessages_MessageId",
                table: "ProvisioningMessages",
                column: "MessageId");
        }
    }
}
