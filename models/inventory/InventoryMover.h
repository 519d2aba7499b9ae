// Runs tube moves as undoable commands (DESIGN §5): each move is a ContainerMoveCommand through
// the store (pending at once, then landed or rolled back) wrapped in a QUndoCommand on one
// QUndoStack, so Ctrl+Z sends the reverse move, judged by the server like any other. A move the
// server refuses leaves the stack as if it had not happened (undoing it does nothing); an undo
// (or redo) the server refuses puts the stack back where it was, so stack and tubes agree.
#pragma once

#include "models/store/ContainerMoveCommand.h"

#include <QObject>

class QUndoStack;

namespace benchtop::models {

class ApiClient;
class ResourceStore;

class InventoryMover : public QObject
{
    Q_OBJECT
public:
    InventoryMover(ApiClient *client, ResourceStore *store, QObject *parent = nullptr);
    ~InventoryMover() override;

    ApiClient *client() const { return m_client; }
    ResourceStore *store() const { return m_store; }
    QUndoStack *undoStack() const { return m_stack; }

    // Pushes the move on the undo stack, which starts it. The tubes show as pending at once.
    void move(const QList<ContainerMove> &moves);
    // Moves in flight (forward, undo or redo).
    int running() const { return m_running; }

    // For the undo command only: a move, not started yet, whose end is reported.
    ContainerMoveCommand *run(const QList<ContainerMove> &moves, const QString &what);

Q_SIGNALS:
    // A move (or its undo/redo) was sent: `command` lives until it finishes.
    void started(benchtop::models::ContainerMoveCommand *command, const QString &text);
    // How it ended, in a sentence for the status bar.
    void finished(bool ok, const QString &message);

private:
    ApiClient *m_client;
    ResourceStore *m_store;
    QUndoStack *m_stack;
    int m_running = 0;
};

} // namespace benchtop::models
