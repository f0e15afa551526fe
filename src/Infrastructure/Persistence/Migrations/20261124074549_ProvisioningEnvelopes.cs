using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ProvisioningEnvelopes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FailureGroups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    RoutingKey = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Failures = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FailureGroups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProvisioningMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DedupeKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CorrelationId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    RoutingKey = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ReplyTo = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    AppId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    SoaVersion = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PropertiesJson = table.Column<string>(type: "TEXT", nullable: false),
                    HeadersJson = table.Column<string>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: true),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    ErrorType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ErrorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ErrorMessage = table.Column<string>(type: "TEXT", nullable: true),
                    SoftfailCount = table.Column<int>(type: "INTEGER", nullable: false),
                    GramAccountUuid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    GoogleId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EnvelopeId = table.Column<long>(type: "INTEGER", nullable: true),
                    RerunOfEnvelopeId = table.Column<long>(type: "INTEGER", nullable: true),
                    RerunBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvisioningMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProvisioningEnvelopes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Archived = table.Column<bool>(type: "INTEGER", nullable: false),
                    GroupId = table.Column<long>(type: "INTEGER", nullable: true),
                    CorrelationId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: true),
                    RoutingKey = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    ErrorType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ErrorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ErrorMessage = table.Column<string>(type: "TEXT", nullable: true),
                    ErrorData = table.Column<string>(type: "TEXT", nullable: true),
                    Debug = table.Column<string>(type: "TEXT", nullable: true),
                    Scrubbed = table.Column<bool>(type: "INTEGER", nullable: false),
                    SoftfailCount = table.Column<int>(type: "INTEGER", nullable: false),
                    NextTryAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FirstSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    GramAccountUuid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    GoogleId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RawBody = table.Column<string>(type: "TEXT", nullable: true),
                    RawProperties = table.Column<string>(type: "TEXT", nullable: true),
                    ParseError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AssignedTo = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Tags = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Reruns = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvisioningEnvelopes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProvisioningEnvelopes_FailureGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "FailureGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "EnvelopeActivities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnvelopeId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnvelopeActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EnvelopeActivities_ProvisioningEnvelopes_EnvelopeId",
                        column: x => x.EnvelopeId,
                        principalTable: "ProvisioningEnvelopes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EnvelopeActivities_EnvelopeId_At",
                table: "EnvelopeActivities",
                columns: new[] { "EnvelopeId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_FailureGroups_Key",
                table: "FailureGroups",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningEnvelopes_CorrelationId",
                table: "ProvisioningEnvelopes",
                column: "CorrelationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningEnvelopes_Email",
                table: "ProvisioningEnvelopes",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningEnvelopes_ErrorType_LastSeenAt_Id",
                table: "ProvisioningEnvelopes",
                columns: new[] { "ErrorType", "LastSeenAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningEnvelopes_GoogleId",
                table: "ProvisioningEnvelopes",
                column: "GoogleId");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningEnvelopes_GramAccountUuid",
                table: "ProvisioningEnvelopes",
                column: "GramAccountUuid");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningEnvelopes_GroupId_LastSeenAt_Id",
                table: "ProvisioningEnvelopes",
                columns: new[] { "GroupId", "LastSeenAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningEnvelopes_LastSeenAt_Id",
                table: "ProvisioningEnvelopes",
                columns: new[] { "LastSeenAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningEnvelopes_RoutingKey_LastSeenAt_Id",
                table: "ProvisioningEnvelopes",
                columns: new[] { "RoutingKey", "LastSeenAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningEnvelopes_State_GroupId_Archived",
                table: "ProvisioningEnvelopes",
                columns: new[] { "State", "GroupId", "Archived" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningEnvelopes_State_LastSeenAt_Id",
                table: "ProvisioningEnvelopes",
                columns: new[] { "State", "LastSeenAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningEnvelopes_StatusCode_LastSeenAt_Id",
                table: "ProvisioningEnvelopes",
                columns: new[] { "StatusCode", "LastSeenAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningMessages_CorrelationId",
                table: "ProvisioningMessages",
                column: "CorrelationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningMessages_DedupeKey",
                table: "ProvisioningMessages",
                column: "DedupeKey",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningMessages_ReceivedAt",
                table: "ProvisioningMessages",
                column: "ReceivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EnvelopeActivities");

            migrationBuilder.DropTable(
                name: "ProvisioningMessages");

            migrationBuilder.DropTable(
                name: "ProvisioningEnvelopes");

            migrationBuilder.DropTable(
                name: "FailureGroups");
        }
    }
}
