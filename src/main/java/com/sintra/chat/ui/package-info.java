/**
 * Chat's views. {@link com.sintra.chat.ui.MessageList} (with its {@link com.sintra.chat.ui.LiveReply}) is
 * exposed to other modules: any live feed of messages, paged from the newest and with answers streaming in,
 * reuses it. Everything else here stays the chat view's own.
 */
@org.springframework.modulith.NamedInterface("ui")
package com.sintra.chat.ui;
