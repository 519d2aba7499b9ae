// What the notebook, people and blob suites share: a fingerprint of every table those parts of
// the server write, so a refused request can be shown to have changed nothing.
#pragma once

#include "server/Users.h"
#include "server/storage/Database.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

namespace benchtop::test {

inline QString tableFingerprint(server::Database &db, const QString &sql)
{
    QSqlQuery query = db.exec(sql);
    QStringList rows;
    while (query.next()) {
        QStringList values;
        for (int i = 0; i < query.record().count(); ++i)
            values.append(query.value(i).toString());
        rows.append(values.join(u'|'));
    }
    return rows.join(u'\n');
}

inline QString notebookFingerprint(server::Database &db)
{
    QString all;
    for (const char *sql : {
             "SELECT id, kind, name, parent_id, schema_id, archive_reason, modified_at, data "
             "FROM resources ORDER BY id",
             "SELECT id, name, definition, modified_at FROM schemas ORDER BY id",
             "SELECT entry_id, display_id FROM entry_display_ids ORDER BY entry_id",
             "SELECT entry_id, user_id FROM entry_authors ORDER BY entry_id, user_id",
             "SELECT entry_id, target_id FROM entry_links ORDER BY entry_id, target_id",
             "SELECT id, handle, name, email, modified_at FROM users ORDER BY id",
             "SELECT id, name, modified_at FROM teams ORDER BY id",
             "SELECT team_id, user_id, role FROM team_memberships ORDER BY team_id, user_id",
             "SELECT id, name, mime_type, type, upload_status, size, md5, modified_at FROM blobs "
             "ORDER BY id",
             "SELECT blob_id, part_number, size, md5 FROM blob_parts ORDER BY blob_id, "
             "part_number",
         })
        all += tableFingerprint(db, QString::fromLatin1(sql)) + QStringLiteral("\n--\n");
    return all;
}

// A second scientist for the people filters: alice, a MEMBER of the demo team and organisation.
// Returns her id (empty if she could not be made).
inline QString addAlice(server::Database &db)
{
    QString error;
    const auto id = server::createUser(db, QStringLiteral("alice"), QStringLiteral("Alice Moreau"),
                                       &error, QStringLiteral("alice@lab.local"));
    if (!id)
        return {};
    db.exec(QStringLiteral("INSERT INTO team_memberships (team_id, user_id, role, created_at) "
                           "SELECT id, ?, 'MEMBER', created_at FROM teams"),
            {*id});
    db.exec(QStringLiteral("INSERT INTO organization_memberships (organization_id, user_id, role) "
                           "SELECT id, ?, 'MEMBER' FROM organizations"),
            {*id});
    return *id;
}

} // namespace benchtop::test
