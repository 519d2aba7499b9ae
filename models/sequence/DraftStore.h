// Local drafts of sequences being edited, so a crash or a lost connection loses nothing: the
// record as GenBank (every feature kind survives) plus the server's modifiedAt it was based on,
// in QStandardPaths::AppDataLocation/drafts/<id>.gb and <id>.json. A save removes the draft.
#pragma once

#include "bio/Record.h"

#include <QString>

#include <optional>

namespace benchtop::models {

struct SequenceDraft
{
    bio::Record record;
    QString baseModifiedAt;
};

class SequenceDraftStore
{
public:
    // `folder` empty: AppDataLocation/drafts.
    explicit SequenceDraftStore(QString folder = {});

    QString folder() const { return m_folder; }
    bool write(const QString &id, const bio::Record &record, const QString &baseModifiedAt) const;
    std::optional<SequenceDraft> read(const QString &id) const;
    void remove(const QString &id) const;
    QStringList ids() const;

private:
    QString m_folder;
};

} // namespace benchtop::models
