package io.pipelinekit.service.app;

/**
 * One operation the app serves.
 *
 * @param method the HTTP method, upper case
 * @param path the exact request path
 */
public record Route(String method, String path) {}
