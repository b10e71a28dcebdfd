-- Version 2.0.0 keeps the author in a column of its own: "alice: buy milk" becomes the title "buy milk" by alice.
ALTER TABLE notes ADD COLUMN author VARCHAR(100);
UPDATE notes
   SET author = TRIM(SUBSTRING(title FROM 1 FOR POSITION(':' IN title) - 1)),
       title = TRIM(SUBSTRING(title FROM POSITION(':' IN title) + 1))
 WHERE POSITION(':' IN title) BETWEEN 2 AND 101
   AND LENGTH(TRIM(SUBSTRING(title FROM POSITION(':' IN title) + 1))) > 0;
