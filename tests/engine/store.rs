//! Migrations and refusals on real SQLite files.

use clerkfolio_core::store;
use clerkfolio_core::Workspace;
use clerkfolio_core::datadir::DATABASE_FILE;

#[test]
fn migrations_are_valid() {
    store::migrations().validate().expect("migrations validate");
}

#[test]
fn migrating_twice_is_a_no_op() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    drop(store::open(&path).unwrap());
    let conn = store::open(&path).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, store::schema_version());
    let journal: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
    assert_eq!((journal.as_str(), fk, sync), ("wal", 1, 2));
    assert!(store::integrity_problems(&conn).unwrap().is_empty());
}

#[test]
fn a_newer_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    drop(Workspace::open(dir.path()).unwrap());
    let path = dir.path().join(DATABASE_FILE);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Workspace::open(dir.path()).err().expect("refused");
    assert_eq!(err.kind(), "newer_database");
    assert!(err.to_string().contains("newer version of Clerkfolio"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file must stay byte-for-byte");
}

#[test]
fn a_foreign_sqlite_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE);
    rusqlite::Connection::open(&path).unwrap().execute("CREATE TABLE songs (title TEXT)", []).unwrap();
    let err = Workspace::open(dir.path()).err().expect("refused");
    assert!(err.to_string().contains("not a Clerkfolio database"), "{err}");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(DATABASE_FILE), vec![b'x'; 8192]).unwrap();
    let err = Workspace::open(dir.path()).err().expect("refused");
    assert!(err.to_string().contains("not a Clerkfolio database or is damaged"), "{err}");
}
