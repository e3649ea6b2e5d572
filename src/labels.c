/*
 * labels.c: the headings and labels of text output in English. The other
 * languages come with data/lang.def.
 */
#include "cli.h"

static const struct labels english = {
	"en", "English",
	"vs", "Summary", "Class", "Category", "Standard", "RFC text",
	"Seen after", "Basic codes", "Retry", "Who acts", "Description",
	"When you see it", "How to fix", "Key differences", "When to use which",
	"Server text", "Note",
	/* English class names are the data's own (digits.def, enhanced.def). */
	{ NULL }, NULL, NULL, NULL
};

const struct labels *
labels_english(void)
{
	return &english;
}
