using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grader.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AssignmentClosedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "closed_at",
                table: "assignments",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "assignments");
        }
    }
}
