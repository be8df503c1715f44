using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grader.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class TypedValidationReport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
