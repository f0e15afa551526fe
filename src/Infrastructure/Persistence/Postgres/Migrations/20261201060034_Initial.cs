using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SecretHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Scopes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastUsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ActorKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ObjectType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ObjectId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Result = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Details = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Bridges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    TriggerWords = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ProtectedWebhookTokens = table.Column<string>(type: "text", nullable: false),
                    WebhookTokenCount = table.Column<int>(type: "integer", nullable: false),
                    GlpiUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ProtectedAppToken = table.Column<string>(type: "text", nullable: false),
                    ProtectedUserToken = table.Column<string>(type: "text", nullable: false),
                    RequestSourceId = table.Column<int>(type: "integer", nullable: false),
                    TicketType = table.Column<int>(type: "integer", nullable: false),
                    Urgency = table.Column<int>(type: "integer", nullable: true),
                    CategoryId = table.Column<int>(type: "integer", nullable: true),
                    SuccessReply = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    FailureReply = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bridges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EntityEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EntityType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    EventType = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    EntityId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Identity = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    System = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Before = table.Column<string>(type: "text", nullable: true),
                    After = table.Column<string>(type: "text", nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReceivedFrom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DirectorySync = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DirectorySyncedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DirectorySyncError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Evaluated = table.Column<bool>(type: "boolean", nullable: false),
                    EvaluatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EvaluationNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntityEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FailureGroups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Title = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    RoutingKey = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Failures = table.Column<long>(type: "bigint", nullable: false),
                    FirstSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FailureGroups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JobSettings",
                columns: table => new
                {
                    JobName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Paused = table.Column<bool>(type: "boolean", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobSettings", x => x.JobName);
                });

            migrationBuilder.CreateTable(
                name: "ListenerChecks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Deployment = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ListenerUp = table.Column<bool>(type: "boolean", nullable: false),
                    HttpStatus = table.Column<int>(type: "integer", nullable: true),
                    LatencyMilliseconds = table.Column<int>(type: "integer", nullable: true),
                    Body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ListenerError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RedisUp = table.Column<bool>(type: "boolean", nullable: true),
                    RedisKeys = table.Column<long>(type: "bigint", nullable: true),
                    RedisError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatioUp = table.Column<bool>(type: "boolean", nullable: true),
                    CreatioError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    State = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListenerChecks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ListenerDeploymentStatuses",
                columns: table => new
                {
                    Deployment = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    State = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Since = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConsecutiveFailures = table.Column<int>(type: "integer", nullable: false),
                    LastCheckAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastLatencyMilliseconds = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListenerDeploymentStatuses", x => x.Deployment);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EventId = table.Column<long>(type: "bigint", nullable: false),
                    ConfigurationId = table.Column<int>(type: "integer", nullable: false),
                    Topic = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Level = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RecipientEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    RecipientUsername = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Subject = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    HtmlBody = table.Column<string>(type: "text", nullable: false),
                    TextBody = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SmtpReply = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "People",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Username = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UsernameKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    FirstName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LastName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ExternalCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    State = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Disabled = table.Column<bool>(type: "boolean", nullable: false),
                    FormProjection = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ManagerId = table.Column<int>(type: "integer", nullable: true),
                    MattermostSyncEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    MattermostTokenProtected = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    MattermostTokenId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    MattermostUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    MattermostTokenCreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MattermostTokenExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Deleted = table.Column<bool>(type: "boolean", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SearchText = table.Column<string>(type: "character varying(557)", maxLength: 557, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_People", x => x.Id);
                    table.ForeignKey(
                        name: "FK_People_People_ManagerId",
                        column: x => x.ManagerId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "PortalSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    IpAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Ticket = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PortalSessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProvisioningMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DedupeKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MessageId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CorrelationId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RoutingKey = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ReplyTo = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    AppId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    SoaVersion = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    PropertiesJson = table.Column<string>(type: "text", nullable: false),
                    HeadersJson = table.Column<string>(type: "text", nullable: false),
                    Body = table.Column<string>(type: "text", nullable: true),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    ErrorType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ErrorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ErrorMessage = table.Column<string>(type: "text", nullable: true),
                    SoftfailCount = table.Column<int>(type: "integer", nullable: false),
                    GramAccountUuid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    GoogleId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EnvelopeId = table.Column<long>(type: "bigint", nullable: true),
                    RerunOfEnvelopeId = table.Column<long>(type: "bigint", nullable: true),
                    RerunBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvisioningMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RejectedEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    BodyTruncated = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RejectedEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Roles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Roles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TokenRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TriggeredBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Processed = table.Column<int>(type: "integer", nullable: false),
                    Generated = table.Column<int>(type: "integer", nullable: false),
                    Rotated = table.Column<int>(type: "integer", nullable: false),
                    AlreadyValid = table.Column<int>(type: "integer", nullable: false),
                    NotFound = table.Column<int>(type: "integer", nullable: false),
                    Failed = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TokenRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Topics",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Subject = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    HtmlBody = table.Column<string>(type: "text", nullable: false),
                    TextBody = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Topics", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BridgeCalls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BridgeId = table.Column<int>(type: "integer", nullable: false),
                    PostId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UserId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ChannelName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TeamDomain = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TriggerWord = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Text = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    TicketId = table.Column<long>(type: "bigint", nullable: true),
                    ErrorCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ErrorMessage = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    GlpiMilliseconds = table.Column<int>(type: "integer", nullable: true),
                    ReplyMilliseconds = table.Column<int>(type: "integer", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BridgeCalls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BridgeCalls_Bridges_BridgeId",
                        column: x => x.BridgeId,
                        principalTable: "Bridges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProvisioningEnvelopes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Archived = table.Column<bool>(type: "boolean", nullable: false),
                    GroupId = table.Column<long>(type: "bigint", nullable: true),
                    CorrelationId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RequestId = table.Column<long>(type: "bigint", nullable: true),
                    RoutingKey = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    ErrorType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ErrorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ErrorMessage = table.Column<string>(type: "text", nullable: true),
                    ErrorData = table.Column<string>(type: "text", nullable: true),
                    Debug = table.Column<string>(type: "text", nullable: true),
                    Scrubbed = table.Column<bool>(type: "boolean", nullable: false),
                    SoftfailCount = table.Column<int>(type: "integer", nullable: false),
                    NextTryAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FirstSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    GramAccountUuid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    GoogleId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RawBody = table.Column<string>(type: "text", nullable: true),
                    RawProperties = table.Column<string>(type: "text", nullable: true),
                    ParseError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AssignedTo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Tags = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Reruns = table.Column<int>(type: "integer", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
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
                name: "PersonAttributes",
                columns: table => new
                {
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Value = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonAttributes", x => new { x.PersonId, x.Code });
                    table.ForeignKey(
                        name: "FK_PersonAttributes_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PersonRoles",
                columns: table => new
                {
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    RoleId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonRoles", x => new { x.PersonId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_PersonRoles_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PersonRoles_Roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "Roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TokenOutcomes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    Username = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TokenOutcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TokenOutcomes_TokenRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "TokenRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NotificationConfigurations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EntityType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    EventType = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    FormProjection = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    System = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Rule = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RuleScript = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    TopicId = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    SendToIdentity = table.Column<bool>(type: "boolean", nullable: false),
                    SendToManager = table.Column<bool>(type: "boolean", nullable: false),
                    RecipientUsernames = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecipientRoles = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecipientsScript = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Disabled = table.Column<bool>(type: "boolean", nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    FailureCount = table.Column<int>(type: "integer", nullable: false),
                    LastFailure = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    LastFailureAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationConfigurations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NotificationConfigurations_Topics_TopicId",
                        column: x => x.TopicId,
                        principalTable: "Topics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EnvelopeActivities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EnvelopeId = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
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
                name: "IX_ApiKeys_Prefix",
                table: "ApiKeys",
                column: "Prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Action_At_Id",
                table: "AuditEntries",
                columns: new[] { "Action", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Actor_At_Id",
                table: "AuditEntries",
                columns: new[] { "Actor", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At_Id",
                table: "AuditEntries",
                columns: new[] { "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ObjectType_ObjectId_At_Id",
                table: "AuditEntries",
                columns: new[] { "ObjectType", "ObjectId", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BridgeCalls_BridgeId_PostId",
                table: "BridgeCalls",
                columns: new[] { "BridgeId", "PostId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BridgeCalls_BridgeId_ReceivedAt",
                table: "BridgeCalls",
                columns: new[] { "BridgeId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BridgeCalls_ReceivedAt",
                table: "BridgeCalls",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_BridgeCalls_Status_NextAttemptAt",
                table: "BridgeCalls",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BridgeCalls_UserName_ReceivedAt",
                table: "BridgeCalls",
                columns: new[] { "UserName", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Bridges_Name",
                table: "Bridges",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EntityEvents_DirectorySync_Id",
                table: "EntityEvents",
                columns: new[] { "DirectorySync", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_EntityEvents_Evaluated_Id",
                table: "EntityEvents",
                columns: new[] { "Evaluated", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_EntityEvents_EventId",
                table: "EntityEvents",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EntityEvents_Identity_Id",
                table: "EntityEvents",
                columns: new[] { "Identity", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_EntityEvents_ReceivedAt",
                table: "EntityEvents",
                column: "ReceivedAt");

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
                name: "IX_ListenerChecks_At",
                table: "ListenerChecks",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ListenerChecks_Deployment_At",
                table: "ListenerChecks",
                columns: new[] { "Deployment", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationConfigurations_EntityType_EventType_Disabled",
                table: "NotificationConfigurations",
                columns: new[] { "EntityType", "EventType", "Disabled" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationConfigurations_TopicId",
                table: "NotificationConfigurations",
                column: "TopicId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_CreatedAt",
                table: "OutboxMessages",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_EventId",
                table: "OutboxMessages",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_MessageId",
                table: "OutboxMessages",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Status_NextAttemptAt",
                table: "OutboxMessages",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_People_Deleted_UsernameKey_SearchText",
                table: "People",
                columns: new[] { "Deleted", "UsernameKey", "SearchText" });

            migrationBuilder.CreateIndex(
                name: "IX_People_Email",
                table: "People",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_People_FormProjection_UsernameKey",
                table: "People",
                columns: new[] { "FormProjection", "UsernameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_People_LastName",
                table: "People",
                column: "LastName");

            migrationBuilder.CreateIndex(
                name: "IX_People_ManagerId",
                table: "People",
                column: "ManagerId");

            migrationBuilder.CreateIndex(
                name: "IX_People_MattermostSyncEnabled_UsernameKey",
                table: "People",
                columns: new[] { "MattermostSyncEnabled", "UsernameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_People_State_UsernameKey",
                table: "People",
                columns: new[] { "State", "UsernameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_People_UsernameKey",
                table: "People",
                column: "UsernameKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PersonAttributes_Code_Value",
                table: "PersonAttributes",
                columns: new[] { "Code", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonRoles_RoleId_PersonId",
                table: "PersonRoles",
                columns: new[] { "RoleId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_PortalSessions_EndedAt_ExpiresAt",
                table: "PortalSessions",
                columns: new[] { "EndedAt", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PortalSessions_UserName",
                table: "PortalSessions",
                column: "UserName");

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

            migrationBuilder.CreateIndex(
                name: "IX_RejectedEvents_ReceivedAt",
                table: "RejectedEvents",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Roles_Code",
                table: "Roles",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TokenOutcomes_PersonId_Id",
                table: "TokenOutcomes",
                columns: new[] { "PersonId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TokenOutcomes_RunId_Kind",
                table: "TokenOutcomes",
                columns: new[] { "RunId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_TokenRuns_StartedAt",
                table: "TokenRuns",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Topics_Code",
                table: "Topics",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "BridgeCalls");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "EntityEvents");

            migrationBuilder.DropTable(
                name: "EnvelopeActivities");

            migrationBuilder.DropTable(
                name: "JobSettings");

            migrationBuilder.DropTable(
                name: "ListenerChecks");

            migrationBuilder.DropTable(
                name: "ListenerDeploymentStatuses");

            migrationBuilder.DropTable(
                name: "NotificationConfigurations");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "PersonAttributes");

            migrationBuilder.DropTable(
                name: "PersonRoles");

            migrationBuilder.DropTable(
                name: "PortalSessions");

            migrationBuilder.DropTable(
                name: "ProvisioningMessages");

            migrationBuilder.DropTable(
                name: "RejectedEvents");

            migrationBuilder.DropTable(
                name: "TokenOutcomes");

            migrationBuilder.DropTable(
                name: "Bridges");

            migrationBuilder.DropTable(
                name: "ProvisioningEnvelopes");

            migrationBuilder.DropTable(
                name: "Topics");

            migrationBuilder.DropTable(
                name: "People");

            migrationBuilder.DropTable(
                name: "Roles");

            migrationBuilder.DropTable(
                name: "TokenRuns");

            migrationBuilder.DropTable(
                name: "FailureGroups");
        }
    }
}
