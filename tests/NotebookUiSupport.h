// What the notebook GUI suites share: a lab server with its demo entries, a client for the app's
// side and a blocking one for "another user", and helpers to find the demo entries.
#pragma once

#include "ApiTestClient.h"
#include "TestLabServer.h"
#include "models/api/ApiClient.h"
#include "models/notebook/EntrySession.h"
#include "widgets/notebook/EntryEditor.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

namespace benchtop::test {

// The id of the demo entry called `name`.
inline QString entryIdByName(ApiTestClient &client, const QString &name)
{
    const ApiResponse list = client.get(QStringLiteral("/entries?pageSize=50"));
    for (const QJsonValue &entry : list.json.value(QStringLiteral("entries")).toArray())
        if (entry.toObject().value(QStringLiteral("name")).toString() == name)
            return entry.toObject().value(QStringLiteral("id")).toString();
    return {};
}

inline QJsonObject entryById(ApiTestClient &client, const QString &id)
{
    return client.get(QStringLiteral("/entries/") + id)
        .json.value(QStringLiteral("entry"))
        .toObject();
}

// Waits for an editor's session to load; false if it failed or took too long.
inline bool waitLoaded(widgets::notebook::EntryEditor *editor)
{
    if (editor->session()->state() == models::EntrySession::State::Ready)
        return true;
    QSignalSpy loaded(editor->session(), &models::EntrySession::loaded);
    return loaded.wait(10'000);
}

} // namespace benchtop::test
