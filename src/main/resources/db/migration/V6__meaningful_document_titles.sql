-- Documents stored before titles were checked (TextExtractor.meaningfulTitle) may carry a title their
-- program wrote instead of one: "about:blank" from a browser's print to PDF, "Untitled", or
-- "Microsoft Word - report.docx". Uploaded files are titled after their file name, as new ones are;
-- fetched pages (a URL source) keep theirs, since their file name is not stored.
UPDATE brain_documents
SET title = regexp_replace(regexp_replace(title, '^microsoft\s+(word|excel|powerpoint)\s*-\s*', '', 'i'),
                           '\.(docx?|xlsx?|pptx?|odt|ods|odp|rtf|pdf|txt|md|html?)$', '', 'i'),
    updated_at = now()
WHERE title ~* '^microsoft\s+(word|excel|powerpoint)\s*-\s*\S';

UPDATE brain_documents
SET title = coalesce(nullif(btrim(regexp_replace(regexp_replace(source, '^.*[/\\]', ''), '\.[^.]*$', '')), ''), 'Untitled'),
    updated_at = now()
WHERE source !~* '^https?://'
  AND btrim(title) ~* '^(about:blank|untitled(\s+document)?([\s_-]*\d+)?|)$';
