using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerSpace.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddEventOptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EventOptions",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Values_OnlineSpaces = table.Column<bool>(type: "INTEGER", nullable: false),
                    Values_PhysicalSpaces = table.Column<bool>(type: "INTEGER", nullable: false),
                    Values_SalesContactTab = table.Column<bool>(type: "INTEGER", nullable: false),
                    Values_SalesContactsChooseSlots = table.Column<bool>(type: "INTEGER", nullable: false),
                    Values_SalesContactsContactAttendees = table.Column<bool>(type: "INTEGER", nullable: false),
                    Values_SalesContactsManageSpaces = table.Column<bool>(type: "INTEGER", nullable: false),
                    Values_SessionsShowAttendeesPresent = table.Column<bool>(type: "INTEGER", nullable: false),
                    Values_SessionsShowRegistrants = table.Column<bool>(type: "INTEGER", nullable: false),
                    Values_TeamShowBadges = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventOptions", x => x.EventId);
                    table.ForeignKey(
                        name: "FK_EventOptions_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EventOptions");
        }
    }
}
