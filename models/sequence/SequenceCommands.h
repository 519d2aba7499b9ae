// The undo commands of a SequenceDocument.
#pragma once

#include "SequenceDocument.h"

#include <QUndoCommand>

namespace benchtop::models {

// Bases [position, position + removed) become `inserted`; features follow the policy; pasted
// features (already in the document's coordinates) are appended.
class BaseEditCommand : public QUndoCommand
{
public:
    BaseEditCommand(SequenceDocument *document, qint64 position, QByteArray removed,
                    QByteArray inserted, QList<bio::Feature> pasted, InsertInside policy);
    void redo() override;
    void undo() override;

private:
    SequenceDocument *m_document;
    qint64 m_position;
    QByteArray m_removed;
    QByteArray m_inserted;
    QList<bio::Feature> m_pasted;
    InsertInside m_policy;
    QList<TouchedFeature> m_touched;
    qint64 m_selectionBefore[2];
};

// One feature added (index == -1 before), changed, or deleted (after empty).
class FeatureEditCommand : public QUndoCommand
{
public:
    FeatureEditCommand(SequenceDocument *document, qsizetype index,
                       std::optional<bio::Feature> before, std::optional<bio::Feature> after,
                       const QString &text);
    void redo() override;
    void undo() override;

private:
    void apply(const std::optional<bio::Feature> &from, const std::optional<bio::Feature> &to);
    SequenceDocument *m_document;
    qsizetype m_index;
    std::optional<bio::Feature> m_before;
    std::optional<bio::Feature> m_after;
};

// A whole-record change (reverse complement, new origin, many features at once): both records
// are kept, sharing their bases with the document where they are the same.
class RecordSwapCommand : public QUndoCommand
{
public:
    RecordSwapCommand(SequenceDocument *document, bio::Record after, const QString &text);
    void redo() override;
    void undo() override;

private:
    void apply(const bio::Record &record);
    SequenceDocument *m_document;
    bio::Record m_before;
    bio::Record m_after;
};

} // namespace benchtop::models
