#include "DraftStore.h"

#include "bio/GenBank.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace benchtop::models {

SequenceDraftStore::SequenceDraftStore(QString folder)
    : m_folder(folder.isEmpty()
                   ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                         QStringLiteral("/drafts")
                   : std::move(folder))
{}

bool SequenceDraftStore::write(const QString &id, const bio::Record &record,
                       const QString &baseModifiedAt) const
{
    if (!QDir().mkpath(m_folder))
        return false;
    QSaveFile text(m_folder + u'/' + id + QStringLiteral(".gb"));
    QSaveFile meta(m_folder + u'/' + id + QStringLiteral(".json"));
    if (!text.open(QIODevice::WriteOnly) || !meta.open(QIODevice::WriteOnly))
        return false;
    text.write(bio::writeGenBank(record));
    const QJsonObject info{{QStringLiteral("baseModifiedAt"), baseModifiedAt},
                           {QStringLiteral("kind"), int(record.kind)}};
    meta.write(QJsonDocument(info).toJson());
    return text.commit() && meta.commit();
}

std::optional<SequenceDraft> SequenceDraftStore::read(const QString &id) const
{
    QFile text(m_folder + u'/' + id + QStringLiteral(".gb"));
    QFile meta(m_folder + u'/' + id + QStringLiteral(".json"));
    if (!text.open(QIODevice::ReadOnly) || !meta.open(QIODevice::ReadOnly))
        return std::nullopt;
    const bio::GenBankResult read = bio::readGenBank(text.readAll());
    if (!read.ok() || read.records.size() != 1)
        return std::nullopt;
    const QJsonObject info = QJsonDocument::fromJson(meta.readAll()).object();
    SequenceDraft draft{read.records.first(), info.value(u"baseModifiedAt").toString()};
    draft.record.kind = bio::MoleculeKind(info.value(u"kind").toInt());
    return draft;
}

void SequenceDraftStore::remove(const QString &id) const
{
    QFile::remove(m_folder + u'/' + id + QStringLiteral(".gb"));
    QFile::remove(m_folder + u'/' + id + QStringLiteral(".json"));
}

QStringList SequenceDraftStore::ids() const
{
    QStringList ids;
    for (const QString &name : QDir(m_folder).entryList({QStringLiteral("*.gb")}, QDir::Files))
        ids << name.chopped(3);
    return ids;
}

} // namespace benchtop::models
